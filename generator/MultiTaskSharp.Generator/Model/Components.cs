namespace MultiTaskSharp.Generator.Model;

// The pipeline's model of a declaration. Invariant: these records hold only strings, numbers, enums and
// equatable arrays of them, never ISymbol, SyntaxNode, Compilation or Location, so an edit that does not change
// the declaration yields an equal model and the emit step is skipped.

/// <summary>How a stem, trunk, tower, head, expert or gate member computes <c>Tensor → Tensor</c>.</summary>
internal enum ComponentKind
{
    /// <summary>A module field: called through <c>.call(x)</c> so forward hooks run.</summary>
    ModuleField,

    /// <summary>A module auto-property: called like a field.</summary>
    ModuleProperty,

    /// <summary>A method <c>Tensor M(Tensor)</c> of the model.</summary>
    Method,

    /// <summary>An <c>LSTM</c>, <c>GRU</c> or <c>RNN</c> field: called, then reduced as <see cref="RecurrentSpec"/> says.</summary>
    Recurrent,
}

/// <summary>Which recurrent layer a <see cref="ComponentKind.Recurrent"/> trunk is (their call signatures differ).</summary>
internal enum RecurrentLayer
{
    Lstm,
    Gru,
    Rnn,
}

/// <summary>A recurrent trunk's layer, what it passes on, and the layout constants the generated code needs.</summary>
internal sealed record RecurrentSpec(RecurrentLayer Layer, RecurrentOutput Passes, bool BatchFirst, bool Bidirectional);

/// <summary>A member that computes a tensor from a tensor, and how to call it.</summary>
internal sealed record ComponentRef(string MemberName, ComponentKind Kind, RecurrentSpec? Recurrent = null);

/// <summary>A parameterless factory method of the model (experts, gates): called once per generated module.</summary>
internal sealed record FactoryRef(string MethodName, bool IsStatic);
