namespace MultiTaskSharp.Generator.Parsing;

/// <summary>Fully qualified names of the declaration attributes (defined in the runtime assembly).</summary>
internal static class AttributeNames
{
    public const string Model = "MultiTaskSharp.MultiTaskModelAttribute";
    public const string Trunk = "MultiTaskSharp.TrunkAttribute";
    public const string Head = "MultiTaskSharp.HeadAttribute";
    public const string Stem = "MultiTaskSharp.StemAttribute";
    public const string LossWeight = "MultiTaskSharp.LossWeightAttribute";
    public const string ModelInput = "MultiTaskSharp.ModelInputAttribute";
}
