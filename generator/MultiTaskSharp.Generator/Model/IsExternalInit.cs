// netstandard2.0 lacks the marker type that records' init accessors need; the compiler only looks
// for it by name. A one-line polyfill is lighter than a polyfill package for this single type.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
