using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MultiTaskSharp.BuildTasks;
using Xunit;

namespace MultiTaskSharp.Build.Tests;

[Collection(ElfFixtureCollection.Name)]
public sealed class LibstdcxxCompatTests
{
    private readonly ElfFixtures _fixtures;

    public LibstdcxxCompatTests(ElfFixtures fixtures) => _fixtures = fixtures;

    [Fact]
    public void Analyze_FindsTheUnrelocatedIosBaseMarker()
    {
        VersionNeedAnalysis analysis = LibstdcxxCompat.Analyze(File.ReadAllBytes(_fixtures.Expected));

        Assert.Equal(VersionNeedState.NeedsPatch, analysis.State);
        Assert.Equal(LibstdcxxCompat.ExpectedSymbol, analysis.BoundSymbol);
        Assert.Equal(0, analysis.Flags);
        Assert.Equal(ReadElfVersionIndex(_fixtures.Expected, "GLIBCXX_3.4.32"), analysis.VersionIndex);
    }

    [Fact]
    public void Patch_SetsWeakOnlyOnTheGlibcxx3432Vernaux()
    {
        string library = _fixtures.CopyToFreshDirectory(_fixtures.Expected);
        byte[] before = File.ReadAllBytes(library);
        long flagsOffset = LibstdcxxCompat.Analyze(before).FlagsFileOffset;

        Assert.Equal(LibstdcxxPatchOutcome.Patched, LibstdcxxCompat.PatchFile(library));

        byte[] after = File.ReadAllBytes(library);
        Assert.Equal(before.Length, after.Length);
        int[] changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToArray();
        Assert.Equal(new[] { (int)flagsOffset }, changed); // vna_flags low byte only
        Assert.Equal(before[flagsOffset] | LibstdcxxCompat.VerFlgWeak, after[flagsOffset]);

        // Independent oracle: binutils sees WEAK on GLIBCXX_3.4.32 and on nothing else.
        Dictionary<string, string> flags = ReadElfNeededFlags(library);
        Assert.Equal("WEAK", flags["GLIBCXX_3.4.32"]);
        Assert.All(flags.Where(f => f.Key != "GLIBCXX_3.4.32"), f => Assert.Equal("none", f.Value));
        Assert.Equal(VersionNeedState.AlreadyWeak, LibstdcxxCompat.Analyze(after).State);
    }

    [Fact]
    public void Patch_IsIdempotent()
    {
        string library = _fixtures.CopyToFreshDirectory(_fixtures.Expected);
        Assert.Equal(LibstdcxxPatchOutcome.Patched, LibstdcxxCompat.PatchFile(library));
        byte[] once = File.ReadAllBytes(library);
        DateTime timestamp = new FileInfo(library).LastWriteTimeUtc;

        Assert.Equal(LibstdcxxPatchOutcome.AlreadyPatched, LibstdcxxCompat.PatchFile(library));

        Assert.Equal(once, File.ReadAllBytes(library));
        Assert.Equal(timestamp, new FileInfo(library).LastWriteTimeUtc);
    }

    [Fact]
    public void Patch_KeepsModeAndTimestampAndLeavesNoTemporaryFile()
    {
        string library = _fixtures.CopyToFreshDirectory(_fixtures.Expected);
        const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(library, mode);
        var timestamp = new DateTime(2026, 5, 7, 10, 3, 28, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(library, timestamp);

        LibstdcxxCompat.PatchFile(library);

        Assert.Equal(mode, File.GetUnixFileMode(library));
        // Same size and timestamp as the package file: MSBuild's incremental copy leaves the patched file alone.
        Assert.Equal(timestamp, File.GetLastWriteTimeUtc(library));
        Assert.Equal(new[] { library }, Directory.GetFiles(Path.GetDirectoryName(library)!));
    }

    [Fact]
    public void Patch_ReplacesReadOnlyFile()
    {
        string library = _fixtures.CopyToFreshDirectory(_fixtures.Expected);
        const UnixFileMode readOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(library, readOnly);

        Assert.Equal(LibstdcxxPatchOutcome.Patched, LibstdcxxCompat.PatchFile(library));

        Assert.Equal(readOnly, File.GetUnixFileMode(library));
        Assert.Equal(VersionNeedState.AlreadyWeak, LibstdcxxCompat.Analyze(File.ReadAllBytes(library)).State);
    }

    [Fact]
    public void Patch_BreaksHardLinkInsteadOfWritingThroughIt()
    {
        // Stands in for an output file hard-linked to the NuGet cache.
        string cacheFile = _fixtures.CopyToFreshDirectory(_fixtures.Expected);
        string output = Path.Combine(_fixtures.NewScratchDirectory(), "libLibTorchSharp.so");
        ElfFixtures.Run("ln", cacheFile, output);
        byte[] cacheBefore = File.ReadAllBytes(cacheFile);

        Assert.Equal(LibstdcxxPatchOutcome.Patched, LibstdcxxCompat.PatchFile(output));

        Assert.Equal(cacheBefore, File.ReadAllBytes(cacheFile));
        Assert.Equal(VersionNeedState.AlreadyWeak, LibstdcxxCompat.Analyze(File.ReadAllBytes(output)).State);
    }

    [Fact]
    public void Patch_ReplacesSymlinkInsteadOfWritingThroughIt()
    {
        string cacheFile = _fixtures.CopyToFreshDirectory(_fixtures.Expected);
        string output = Path.Combine(_fixtures.NewScratchDirectory(), "libLibTorchSharp.so");
        File.CreateSymbolicLink(output, cacheFile);
        byte[] cacheBefore = File.ReadAllBytes(cacheFile);

        Assert.Equal(LibstdcxxPatchOutcome.Patched, LibstdcxxCompat.PatchFile(output));

        Assert.Equal(cacheBefore, File.ReadAllBytes(cacheFile));
        Assert.Null(new FileInfo(output).LinkTarget);
        Assert.Equal(VersionNeedState.AlreadyWeak, LibstdcxxCompat.Analyze(File.ReadAllBytes(output)).State);
    }

    [Fact]
    public void Refuses_WhenTwoSymbolsUseTheVersion()
    {
        string message = AssertRefusedAndUnchanged<LibstdcxxPatchRefusedException>(_fixtures.TwoSymbols);

        Assert.Contains("_ZSt21ios_base_library_initv, other_3_4_32", message);
        Assert.Contains("expected exactly _ZSt21ios_base_library_initv", message);
    }

    [Fact]
    public void Refuses_WhenARelocationReferencesTheSymbol()
    {
        string message = AssertRefusedAndUnchanged<LibstdcxxPatchRefusedException>(_fixtures.Relocated);

        Assert.Contains("referenced by a relocation", message);
        Assert.Contains("SHT_RELA", message);
    }

    [Fact]
    public void Refuses_WhenTheSymbolNameDiffers()
    {
        string message = AssertRefusedAndUnchanged<LibstdcxxPatchRefusedException>(_fixtures.OtherName);

        Assert.Contains("used by other_3_4_32", message);
        Assert.Contains("expected exactly _ZSt21ios_base_library_initv", message);
    }

    [Fact]
    public void DoesNothing_WhenGlibcxx3432IsNotRequired()
    {
        string library = _fixtures.CopyToFreshDirectory(_fixtures.NotRequired);
        byte[] before = File.ReadAllBytes(library);

        Assert.Equal(VersionNeedState.NotRequired, LibstdcxxCompat.Analyze(before).State);
        Assert.Equal(LibstdcxxPatchOutcome.NotRequired, LibstdcxxCompat.PatchFile(library));
        Assert.Equal(before, File.ReadAllBytes(library));
    }

    [Fact]
    public void NonElfFile_IsRejectedAndLeftUntouched()
    {
        string library = Path.Combine(_fixtures.NewScratchDirectory(), "libLibTorchSharp.so");
        File.WriteAllText(library, "version https://git-lfs.github.com/spec/v1\n");

        string message = AssertRefusedAndUnchanged<ElfFormatException>(library, copy: false);

        Assert.Contains("not an ELF file", message);
    }

    [Theory]
    [InlineData(10, "truncated ELF file")]
    [InlineData(2000, "truncated or corrupt")]
    public void TruncatedFile_IsRejectedAndLeftUntouched(int length, string expected)
    {
        string library = _fixtures.CopyToFreshDirectory(_fixtures.Expected);
        byte[] bytes = File.ReadAllBytes(library);
        File.WriteAllBytes(library, bytes.AsSpan(0, length).ToArray());

        string message = AssertRefusedAndUnchanged<ElfFormatException>(library, copy: false);

        Assert.Contains(expected, message);
    }

    [Theory]
    [InlineData(4, 1, "only 64-bit ELF")]        // EI_CLASS = ELFCLASS32
    [InlineData(5, 2, "only little-endian")]     // EI_DATA = ELFDATA2MSB
    [InlineData(18, 40, "unsupported machine 40")] // e_machine = EM_ARM
    public void UnsupportedElfVariants_AreRejected(int offset, byte value, string expected)
    {
        string library = _fixtures.CopyToFreshDirectory(_fixtures.Expected);
        byte[] bytes = File.ReadAllBytes(library);
        bytes[offset] = value;
        File.WriteAllBytes(library, bytes);

        string message = AssertRefusedAndUnchanged<ElfFormatException>(library, copy: false);

        Assert.Contains(expected, message);
    }

    [Fact]
    public void ReadMachine_ReadsX8664OrAarch64()
    {
        ushort machine = LibstdcxxCompat.ReadMachine(_fixtures.Expected);

        Assert.Contains(machine, new[] { ElfImage.EmX8664, ElfImage.EmAarch64 });
    }

    [Fact]
    public void HostDetection_OldLibstdcxxLacksTheVersion()
    {
        ushort machine = LibstdcxxCompat.ReadMachine(_fixtures.Expected);

        HostLibstdcxx host = Assert.Single(LibstdcxxCompat.FindHostLibraries(machine, new[] { _fixtures.OldLibstdcxxDirectory }));

        Assert.False(host.ProvidesRequiredVersion);
        Assert.Equal("GLIBCXX_3.4.30", host.HighestGlibcxxVersion); // numeric: 3.4.30 > 3.4.9
    }

    [Fact]
    public void HostDetection_NewLibstdcxxProvidesTheVersion()
    {
        ushort machine = LibstdcxxCompat.ReadMachine(_fixtures.Expected);

        HostLibstdcxx host = Assert.Single(LibstdcxxCompat.FindHostLibraries(machine, new[] { _fixtures.NewLibstdcxxDirectory }));

        Assert.True(host.ProvidesRequiredVersion);
        Assert.Equal("GLIBCXX_3.4.32", host.HighestGlibcxxVersion);
    }

    [Fact]
    public void HostDetection_IgnoresMissingDirectoriesAndOtherMachines()
    {
        ushort otherMachine = LibstdcxxCompat.ReadMachine(_fixtures.Expected) == ElfImage.EmX8664 ? ElfImage.EmAarch64 : ElfImage.EmX8664;

        Assert.Empty(LibstdcxxCompat.FindHostLibraries(otherMachine, new[] { _fixtures.OldLibstdcxxDirectory }));
        Assert.Empty(LibstdcxxCompat.FindHostLibraries(ElfImage.EmX8664, new[] { Path.Combine(_fixtures.Root, "does-not-exist") }));
    }

    [Fact]
    public void ReadDefinedVersions_ExcludesTheBaseDefinition()
    {
        IList<string> versions = LibstdcxxCompat.ReadDefinedVersions(
            File.ReadAllBytes(Path.Combine(_fixtures.NewLibstdcxxDirectory, "libstdc++.so.6")));

        Assert.Equal(new[] { "GLIBCXX_3.4.9", "GLIBCXX_3.4.30", "GLIBCXX_3.4.32" }, versions);
    }

    [Fact]
    public void HighestGlibcxx_ComparesNumerically()
    {
        Assert.Equal("GLIBCXX_3.4.30", LibstdcxxCompat.HighestGlibcxx(new[] { "GLIBCXX_3.4", "GLIBCXX_3.4.9", "GLIBCXX_3.4.30", "CXXABI_1.3.13", "GLIBCXX_3.4.29" }));
        Assert.Equal("no GLIBCXX version", LibstdcxxCompat.HighestGlibcxx(new[] { "CXXABI_1.3" }));
    }

    /// <summary>Asserts that analysis and patching throw <typeparamref name="TException"/> and the file is unchanged.</summary>
    private string AssertRefusedAndUnchanged<TException>(string source, bool copy = true)
        where TException : Exception
    {
        string library = copy ? _fixtures.CopyToFreshDirectory(source) : source;
        byte[] before = File.ReadAllBytes(library);
        DateTime timestamp = File.GetLastWriteTimeUtc(library);

        Assert.Throws<TException>(() => LibstdcxxCompat.Analyze(before));
        TException error = Assert.Throws<TException>(() => LibstdcxxCompat.PatchFile(library));

        Assert.Equal(before, File.ReadAllBytes(library));
        Assert.Equal(timestamp, File.GetLastWriteTimeUtc(library));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(library)!));
        return error.Message;
    }

    /// <summary>Version name → flags ("none", "WEAK", ...) of every Vernaux, as printed by readelf -V.</summary>
    internal static Dictionary<string, string> ReadElfNeededFlags(string path)
    {
        var result = new Dictionary<string, string>();
        foreach (Match match in Regex.Matches(ElfFixtures.Run("readelf", "-V", "-W", path), @"Name: (\S+)\s+Flags: (\S+)\s+Version: (\d+)"))
            result[match.Groups[1].Value] = match.Groups[2].Value;
        return result;
    }

    private static ushort ReadElfVersionIndex(string path, string version)
    {
        Match match = Regex.Match(ElfFixtures.Run("readelf", "-V", "-W", path), @"Name: " + Regex.Escape(version) + @"\s+Flags: \S+\s+Version: (\d+)");
        Assert.True(match.Success, $"readelf does not list {version} in {path}");
        return ushort.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
