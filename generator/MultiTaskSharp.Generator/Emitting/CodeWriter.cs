using System;
using System.CodeDom.Compiler;
using System.IO;

namespace MultiTaskSharp.Generator.Emitting;

/// <summary>
/// A thin layer over the BCL's <see cref="IndentedTextWriter"/>: blocks that close themselves and
/// '\n' line endings on every platform, so generated files are byte-identical everywhere.
/// </summary>
internal sealed class CodeWriter
{
    private readonly StringWriter _text = new() { NewLine = "\n" };
    private readonly IndentedTextWriter _writer;
    private bool _pendingBlank;

    public CodeWriter() => _writer = new IndentedTextWriter(_text, "    ") { NewLine = "\n" };

    public void Line(string text = "")
    {
        if (text.Length == 0)
        {
            // Held back until the next line: sections end with a blank line, but a block never closes after one.
            _pendingBlank = true;
            return;
        }
        if (_pendingBlank && !text.StartsWith("}", StringComparison.Ordinal))
            _writer.WriteLineNoTabs(string.Empty); // an empty line carries no indentation
        _pendingBlank = false;
        _writer.WriteLine(text);
    }

    /// <summary>Writes <paramref name="header"/> (when not empty) and an indented block closed on dispose.</summary>
    public IDisposable Block(string header, string close = "}")
    {
        if (header.Length > 0)
            Line(header);
        Line("{");
        _writer.Indent++;
        return new Closer(this, close);
    }

    public void Indent() => _writer.Indent++;

    public void Outdent() => _writer.Indent--;

    public override string ToString()
    {
        _writer.Flush();
        return _text.ToString();
    }

    private sealed class Closer : IDisposable
    {
        private readonly CodeWriter _owner;
        private readonly string _close;

        public Closer(CodeWriter owner, string close)
        {
            _owner = owner;
            _close = close;
        }

        public void Dispose()
        {
            _owner._writer.Indent--;
            _owner.Line(_close);
        }
    }
}
