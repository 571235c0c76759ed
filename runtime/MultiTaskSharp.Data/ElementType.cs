namespace MultiTaskSharp.Data;

/// <summary>The element type of a tensor built from columns.</summary>
public enum ElementType
{
    /// <summary>32-bit floating point: inputs, regression and multi-label targets.</summary>
    Float32,

    /// <summary>64-bit integers: class indices, and inputs such as embedding ids.</summary>
    Int64,
}
