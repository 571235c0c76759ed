using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.Versioning;
using Xunit;

// The fixtures are built with gcc and GNU ld and the patch targets Linux ELF libraries: Linux only.
[assembly: SupportedOSPlatform("linux")]

namespace MultiTaskSharp.Build.Tests;

/// <summary>
/// Builds small shared libraries with gcc/GNU ld once per test run:
/// <list type="bullet">
/// <item>two fake libstdc++.so.6 (soname included), one defining versions up to GLIBCXX_3.4.32 and one up to GLIBCXX_3.4.30;</item>
/// <item>consumers linked against the newer fake, each with a different use of GLIBCXX_3.4.32.</item>
/// </list>
/// A bare <c>.globl</c> directive is how GCC 13's &lt;iostream&gt; references _ZSt21ios_base_library_initv: the
/// linker records the symbol and its version (Verneed/versym) but emits no relocation, exactly like the real
/// libLibTorchSharp.so. Calling the function instead produces a PLT relocation.
/// </summary>
public sealed class ElfFixtures : IDisposable
{
    private const string NewLibstdcxxSource = """
        void glibcxx_3_4_9_fn(void) {}
        void glibcxx_3_4_30_fn(void) {}
        void _ZSt21ios_base_library_initv(void) {}
        void other_3_4_32(void) {}
        """;

    private const string NewLibstdcxxVersionScript = """
        GLIBCXX_3.4.9  { global: glibcxx_3_4_9_fn; local: *; };
        GLIBCXX_3.4.30 { global: glibcxx_3_4_30_fn; } GLIBCXX_3.4.9;
        GLIBCXX_3.4.32 { global: _ZSt21ios_base_library_initv; other_3_4_32; } GLIBCXX_3.4.30;
        """;

    private const string OldLibstdcxxSource = """
        void glibcxx_3_4_9_fn(void) {}
        void glibcxx_3_4_30_fn(void) {}
        """;

    private const string OldLibstdcxxVersionScript = """
        GLIBCXX_3.4.9  { global: glibcxx_3_4_9_fn; local: *; };
        GLIBCXX_3.4.30 { global: glibcxx_3_4_30_fn; } GLIBCXX_3.4.9;
        """;

    // Every consumer also uses a GLIBCXX_3.4.30 symbol, so the libstdc++ Verneed has more than one Vernaux.
    private const string UsesOldVersion = "void glibcxx_3_4_30_fn(void);\nvoid uses_old(void) { glibcxx_3_4_30_fn(); }\n";

    public ElfFixtures()
    {
        Root = Path.Combine(Path.GetTempPath(), "mts-elf-fixtures-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);

        NewLibstdcxxDirectory = BuildFakeLibstdcxx("new", NewLibstdcxxSource, NewLibstdcxxVersionScript);
        OldLibstdcxxDirectory = BuildFakeLibstdcxx("old", OldLibstdcxxSource, OldLibstdcxxVersionScript);

        Expected = BuildConsumer("expected", "__asm__(\".globl _ZSt21ios_base_library_initv\");\n" + UsesOldVersion);
        TwoSymbols = BuildConsumer("two-symbols",
            "__asm__(\".globl _ZSt21ios_base_library_initv\");\n__asm__(\".globl other_3_4_32\");\n" + UsesOldVersion);
        Relocated = BuildConsumer("relocated",
            "void _ZSt21ios_base_library_initv(void);\nvoid init(void) { _ZSt21ios_base_library_initv(); }\n" + UsesOldVersion);
        OtherName = BuildConsumer("other-name", "__asm__(\".globl other_3_4_32\");\n" + UsesOldVersion);
        NotRequired = BuildConsumer("not-required", UsesOldVersion);
    }

    public string Root { get; }

    /// <summary>Directory containing a libstdc++.so.6 that defines GLIBCXX_3.4.32.</summary>
    public string NewLibstdcxxDirectory { get; }

    /// <summary>Directory containing a libstdc++.so.6 that defines versions up to GLIBCXX_3.4.30.</summary>
    public string OldLibstdcxxDirectory { get; }

    /// <summary>The shape of the real library: only the unrelocated _ZSt21ios_base_library_initv uses GLIBCXX_3.4.32.</summary>
    public string Expected { get; }

    /// <summary>Two symbols (_ZSt21ios_base_library_initv, other_3_4_32) bound to GLIBCXX_3.4.32.</summary>
    public string TwoSymbols { get; }

    /// <summary>_ZSt21ios_base_library_initv is called, so a JUMP_SLOT relocation refers to it.</summary>
    public string Relocated { get; }

    /// <summary>GLIBCXX_3.4.32 is used by other_3_4_32 only.</summary>
    public string OtherName { get; }

    /// <summary>Needs GLIBCXX_3.4.30 only.</summary>
    public string NotRequired { get; }

    /// <summary>A private copy of <paramref name="fixture"/> in a fresh directory, so tests never share files.</summary>
    public string CopyToFreshDirectory(string fixture, string fileName = "libLibTorchSharp.so")
    {
        string directory = NewScratchDirectory();
        string copy = Path.Combine(directory, fileName);
        File.Copy(fixture, copy);
        return copy;
    }

    public string NewScratchDirectory()
    {
        string directory = Path.Combine(Root, "scratch", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Leftover temp files are harmless; never fail a test run over cleanup.
        }
    }

    private string BuildFakeLibstdcxx(string name, string source, string versionScript)
    {
        string directory = Path.Combine(Root, "libstdcxx-" + name);
        Directory.CreateDirectory(directory);
        string sourcePath = Path.Combine(Root, $"libstdcxx-{name}.c");
        string scriptPath = Path.Combine(Root, $"libstdcxx-{name}.map");
        File.WriteAllText(sourcePath, source);
        File.WriteAllText(scriptPath, versionScript);
        Run("gcc", "-shared", "-fPIC", "-o", Path.Combine(directory, "libstdc++.so.6"),
            "-Wl,-soname,libstdc++.so.6", "-Wl,--version-script=" + scriptPath, sourcePath);
        return directory;
    }

    private string BuildConsumer(string name, string source)
    {
        string sourcePath = Path.Combine(Root, name + ".c");
        string output = Path.Combine(Root, name + ".so");
        File.WriteAllText(sourcePath, source);
        // -l: with the exact file name picks the fake from -L before any system libstdc++; --no-as-needed keeps
        // the DT_NEEDED entry even where the toolchain defaults to --as-needed.
        Run("gcc", "-shared", "-fPIC", "-o", output, sourcePath,
            "-L" + NewLibstdcxxDirectory, "-Wl,--no-as-needed", "-l:libstdc++.so.6");
        return output;
    }

    /// <summary>Runs a tool and returns its standard output; a non-zero exit fails with the tool's output.</summary>
    public static string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["LC_ALL"] = "C"; // stable readelf/gcc messages

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {tool}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"'{tool}' is required to build the ELF test fixtures (install gcc/binutils): {e.Message}", e);
        }

        using (process)
        {
            var stderrTask = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            string stderr = stderrTask.GetAwaiter().GetResult();
            if (process.ExitCode != 0)
                throw new InvalidOperationException(
                    $"{tool} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{stderr}{stdout}");
            return stdout;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ElfFixtureCollection : ICollectionFixture<ElfFixtures>
{
    public const string Name = "ELF fixtures";
}
