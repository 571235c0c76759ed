// Makes TorchSharp 0.107.0's libLibTorchSharp.so loadable on hosts whose libstdc++ predates GCC 13
// (e.g. Debian 12, which defines versions only up to GLIBCXX_3.4.30).
//
// Why this is safe: the library needs GLIBCXX_3.4.32 for exactly one symbol, _ZSt21ios_base_library_initv,
// a marker that GCC 13's <iostream> references with a bare `.globl` so that the linker records the
// dependency. No relocation uses it, so the symbol is never resolved at run time; only the version
// check in the dynamic linker fails. Setting VER_FLG_WEAK on that one version requirement (Vernaux)
// tells the dynamic linker that a missing version is not fatal. Everything else is left untouched.
//
// Why hand-written ELF code rather than a library or a tool: the patch must run inside every consumer's build,
// on any host, with nothing installed. patchelf is a native program a consumer would have to install (and it
// has no option to mark one version requirement weak); an inline MSBuild task compiled from
// source may reference only MSBuild's and netstandard's assemblies, so a NuGet ELF reader (ELFSharp, read-only
// anyway) cannot be used without shipping and loading a task assembly of our own. The edit itself is one flag
// bit in one version-requirement entry, after checks that the file has exactly the expected shape.
//
// Where it lives: build/ at the repository root, next to MultiTaskSharp.targets; both are packed into the
// package's buildTransitive/ and neither is part of the runtime assembly.
//
// This file is compiled twice:
//   * by MSBuild's RoslynCodeTaskFactory (build/MultiTaskSharp.targets, buildTransitive/ in the package), against the
//     netstandard 2.0 reference assemblies that ship with MSBuild: use only netstandard 2.0 APIs
//     (no File.Move(overwrite), no BinaryPrimitives, no init/records, no nullable attributes);
//   * by tests/MultiTaskSharp.Build.Tests (net10.0, nullable, warnings as errors in CI).
// LibstdcxxCompat and ElfImage contain no MSBuild types so they can be tested directly; the task
// class at the bottom only adapts them to MSBuild.

#nullable enable

using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace MultiTaskSharp.BuildTasks
{
    /// <summary>The file cannot be read as a supported ELF image (not ELF, truncated, unsupported class/machine).</summary>
    public sealed class ElfFormatException : Exception
    {
        public ElfFormatException(string message) : base(message) { }
    }

    /// <summary>The file is a valid ELF image but does not have the exact shape that makes the patch safe.</summary>
    public sealed class LibstdcxxPatchRefusedException : Exception
    {
        public LibstdcxxPatchRefusedException(string message) : base(message) { }
    }

    public enum VersionNeedState
    {
        /// <summary>The library does not require GLIBCXX_3.4.32 from libstdc++.so.6.</summary>
        NotRequired,
        /// <summary>The requirement exists, has the expected shape and is not yet weak.</summary>
        NeedsPatch,
        /// <summary>The requirement exists, has the expected shape and is already weak.</summary>
        AlreadyWeak,
    }

    public enum LibstdcxxPatchOutcome
    {
        NotRequired,
        Patched,
        AlreadyPatched,
    }

    /// <summary>Result of inspecting a library's GLIBCXX_3.4.32 requirement.</summary>
    public sealed class VersionNeedAnalysis
    {
        public VersionNeedAnalysis(VersionNeedState state, long flagsFileOffset, ushort flags, ushort versionIndex, string boundSymbol)
        {
            State = state;
            FlagsFileOffset = flagsFileOffset;
            Flags = flags;
            VersionIndex = versionIndex;
            BoundSymbol = boundSymbol;
        }

        public VersionNeedState State { get; }

        /// <summary>File offset of the 2-byte vna_flags field to patch; -1 when <see cref="State"/> is NotRequired.</summary>
        public long FlagsFileOffset { get; }

        public ushort Flags { get; }

        /// <summary>The vna_other version index that versym entries use to refer to GLIBCXX_3.4.32.</summary>
        public ushort VersionIndex { get; }

        /// <summary>The single symbol bound to the version (empty when NotRequired).</summary>
        public string BoundSymbol { get; }

        internal static readonly VersionNeedAnalysis NotRequired = new VersionNeedAnalysis(VersionNeedState.NotRequired, -1, 0, 0, "");
    }

    /// <summary>One libstdc++.so.6 found on the host.</summary>
    public sealed class HostLibstdcxx
    {
        public HostLibstdcxx(string path, bool providesRequiredVersion, string highestGlibcxxVersion)
        {
            Path = path;
            ProvidesRequiredVersion = providesRequiredVersion;
            HighestGlibcxxVersion = highestGlibcxxVersion;
        }

        public string Path { get; }
        public bool ProvidesRequiredVersion { get; }

        /// <summary>e.g. "GLIBCXX_3.4.30"; "no GLIBCXX version" if the library defines none.</summary>
        public string HighestGlibcxxVersion { get; }
    }

    /// <summary>The pure logic of the patch: inspection of ELF images and the file update. No MSBuild types.</summary>
    public static class LibstdcxxCompat
    {
        public const string RequiredVersion = "GLIBCXX_3.4.32";
        public const string LibraryName = "libstdc++.so.6";
        public const string ExpectedSymbol = "_ZSt21ios_base_library_initv";

        /// <summary>VER_FLG_WEAK in vna_flags: a missing version is reported, not fatal (glibc dl-version.c).</summary>
        public const ushort VerFlgWeak = 0x2;

        /// <summary>VER_FLG_BASE in vd_flags: the Verdef naming the file itself rather than a version.</summary>
        private const ushort VerFlgBase = 0x1;

        /// <summary>
        /// Where the dynamic linker of a glibc distribution finds libstdc++.so.6 (multiarch and lib64 layouts).
        /// Duplicates through the /lib -> /usr/lib symlink are harmless.
        /// </summary>
        public static readonly string[] DefaultHostLibraryDirectories =
        {
            "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
            "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/lib64", "/usr/lib64", "/lib", "/usr/lib",
            "/usr/local/lib64", "/usr/local/lib",
            "/usr/local/lib/x86_64-linux-gnu", "/usr/local/lib/aarch64-linux-gnu",
        };

        /// <summary>
        /// Finds the GLIBCXX_3.4.32 requirement of <paramref name="image"/> and checks that weakening it is safe.
        /// Invariants required for <see cref="VersionNeedState.NeedsPatch"/>/<see cref="VersionNeedState.AlreadyWeak"/>:
        /// exactly one Vernaux named GLIBCXX_3.4.32 under the libstdc++.so.6 Verneed; exactly one dynamic
        /// symbol carries its version index; that symbol is the undefined _ZSt21ios_base_library_initv; and
        /// no dynamic relocation refers to it (so the symbol is never looked up at load time).
        /// </summary>
        /// <exception cref="ElfFormatException">The image is not a supported, well-formed ELF file.</exception>
        /// <exception cref="LibstdcxxPatchRefusedException">The requirement exists but an invariant does not hold.</exception>
        public static VersionNeedAnalysis Analyze(byte[] image)
        {
            ElfImage elf = ElfImage.Parse(image);

            ElfSection? verneed = elf.SingleSectionOfType(ElfImage.ShtGnuVerneed, ".gnu.version_r");
            if (verneed == null)
                return VersionNeedAnalysis.NotRequired;

            ElfSection verneedStrings = elf.LinkedSection(verneed, ElfImage.ShtStrtab, ".gnu.version_r");
            var matches = new List<long>(); // file offsets of matching Vernaux entries
            foreach (ElfImage.VersionNeed need in elf.ReadVersionNeeds(verneed, verneedStrings))
            {
                if (need.FileName == LibraryName && need.VersionName == RequiredVersion)
                    matches.Add(need.AuxFileOffset);
            }

            if (matches.Count == 0)
                return VersionNeedAnalysis.NotRequired;
            if (matches.Count > 1)
                throw new LibstdcxxPatchRefusedException(
                    $"{LibraryName} {RequiredVersion} is listed {matches.Count} times in .gnu.version_r; expected once");

            long auxOffset = matches[0];
            long flagsOffset = auxOffset + 4;        // Elf64_Vernaux: vna_hash u32, vna_flags u16, vna_other u16, ...
            ushort flags = elf.U16(flagsOffset);
            ushort versionIndex = elf.U16(auxOffset + 6);

            ElfSection? versym = elf.SingleSectionOfType(ElfImage.ShtGnuVersym, ".gnu.version");
            if (versym == null)
                throw new ElfFormatException("the file has .gnu.version_r but no .gnu.version (SHT_GNU_versym) section");
            ElfSection dynsym = elf.LinkedSection(versym, ElfImage.ShtDynsym, ".gnu.version");
            ElfSection symbolStrings = elf.LinkedSection(dynsym, ElfImage.ShtStrtab, ".dynsym");

            int symbolCount = elf.EntryCount(dynsym, ElfImage.SymbolSize, ".dynsym");
            if (versym.Size != (ulong)symbolCount * 2)
                throw new ElfFormatException(
                    $".gnu.version has {versym.Size / 2} entries but .dynsym has {symbolCount}; they must match one to one");

            // Symbol 0 is the reserved null symbol; the top bit of a versym entry is the "hidden" flag.
            var bound = new List<int>();
            for (int i = 1; i < symbolCount; i++)
            {
                if ((elf.U16((long)versym.Offset + 2L * i) & 0x7fff) == versionIndex)
                    bound.Add(i);
            }

            var names = new List<string>();
            foreach (int i in bound)
                names.Add(elf.SymbolName(dynsym, symbolStrings, i));

            if (bound.Count != 1 || names[0] != ExpectedSymbol)
            {
                string found = bound.Count == 0 ? "no symbols" : string.Join(", ", names);
                throw new LibstdcxxPatchRefusedException(
                    $"{RequiredVersion} (version index {versionIndex}) is used by {found}; expected exactly {ExpectedSymbol}");
            }

            int symbolIndex = bound[0];
            if (elf.SymbolSectionIndex(dynsym, symbolIndex) != 0)
                throw new LibstdcxxPatchRefusedException(
                    $"{ExpectedSymbol} is defined in this file (section {elf.SymbolSectionIndex(dynsym, symbolIndex)}); expected an undefined reference");

            string? relocation = elf.FindRelocationOf(dynsym, symbolIndex);
            if (relocation != null)
                throw new LibstdcxxPatchRefusedException(
                    $"{ExpectedSymbol} is referenced by a relocation in {relocation}, so the symbol is really used; expected no relocation");

            VersionNeedState state = (flags & VerFlgWeak) != 0 ? VersionNeedState.AlreadyWeak : VersionNeedState.NeedsPatch;
            return new VersionNeedAnalysis(state, flagsOffset, flags, versionIndex, ExpectedSymbol);
        }

        /// <summary>
        /// Marks GLIBCXX_3.4.32 weak in the file at <paramref name="path"/> if it is required and safe to do so.
        /// The file is never written in place: a patched copy is written next to it and renamed over it, which
        /// (a) is atomic for concurrent readers and builds, and (b) breaks any hard link or symlink into the
        /// NuGet package cache instead of writing through it. Permission bits and the modification time of the
        /// original are kept, so MSBuild's incremental copy sees an unchanged file and does not re-copy it.
        /// </summary>
        public static LibstdcxxPatchOutcome PatchFile(string path)
        {
            string fullPath = Path.GetFullPath(path);
            byte[] original = File.ReadAllBytes(fullPath);
            VersionNeedAnalysis analysis = Analyze(original);
            if (analysis.State == VersionNeedState.NotRequired)
                return LibstdcxxPatchOutcome.NotRequired;
            if (analysis.State == VersionNeedState.AlreadyWeak)
                return LibstdcxxPatchOutcome.AlreadyPatched;

            string directory = Path.GetDirectoryName(fullPath) ?? ".";
            string temp = Path.Combine(directory, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            DateTime lastWriteUtc = File.GetLastWriteTimeUtc(fullPath);
            try
            {
                // File.Copy keeps the permission bits (netstandard 2.0 has no API to set Unix modes directly).
                File.Copy(fullPath, temp);
                FileAttributes attributes = File.GetAttributes(temp);
                bool readOnly = (attributes & FileAttributes.ReadOnly) != 0;
                if (readOnly)
                    File.SetAttributes(temp, attributes & ~FileAttributes.ReadOnly);

                // The analysis is only valid for the bytes it saw: refuse if the file changed meanwhile.
                if (!SameBytes(File.ReadAllBytes(temp), original))
                    throw new IOException($"{fullPath} changed while it was being patched; build again");

                ushort patched = (ushort)(analysis.Flags | VerFlgWeak);
                using (var stream = new FileStream(temp, FileMode.Open, FileAccess.Write))
                {
                    stream.Position = analysis.FlagsFileOffset;
                    stream.Write(new[] { (byte)(patched & 0xff), (byte)(patched >> 8) }, 0, 2);
                }

                if (readOnly)
                    File.SetAttributes(temp, attributes);
                File.SetLastWriteTimeUtc(temp, lastWriteUtc);
                File.Replace(temp, fullPath, null); // rename(2) on Unix
            }
            finally
            {
                if (File.Exists(temp))
                    File.Delete(temp);
            }

            // Re-read what is now on disk: the outcome reported must be the state of the file.
            if (Analyze(File.ReadAllBytes(fullPath)).State != VersionNeedState.AlreadyWeak)
                throw new IOException($"{fullPath} does not have {RequiredVersion} marked weak after patching");
            return LibstdcxxPatchOutcome.Patched;
        }

        /// <summary>Reads e_machine from the ELF header of the file (validating class, data encoding and machine).</summary>
        public static ushort ReadMachine(string path)
        {
            var header = new byte[ElfImage.HeaderSize];
            int read;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read))
                read = ReadFully(stream, header);
            if (read < header.Length)
                Array.Resize(ref header, read);
            return ElfImage.ParseHeader(header).Machine;
        }

        /// <summary>The version names a shared library defines (its .gnu.version_d), excluding the file's own base entry.</summary>
        public static IList<string> ReadDefinedVersions(byte[] image)
        {
            ElfImage elf = ElfImage.Parse(image);
            var result = new List<string>();
            ElfSection? verdef = elf.SingleSectionOfType(ElfImage.ShtGnuVerdef, ".gnu.version_d");
            if (verdef == null)
                return result;
            ElfSection strings = elf.LinkedSection(verdef, ElfImage.ShtStrtab, ".gnu.version_d");
            foreach (KeyValuePair<string, ushort> definition in elf.ReadVersionDefinitions(verdef, strings))
            {
                if ((definition.Value & VerFlgBase) == 0)
                    result.Add(definition.Key);
            }
            return result;
        }

        /// <summary>
        /// Inspects every libstdc++.so.6 in <paramref name="directories"/> built for <paramref name="machine"/>.
        /// Files that are not readable ELF images of that machine are ignored.
        /// </summary>
        public static IList<HostLibstdcxx> FindHostLibraries(ushort machine, IEnumerable<string> directories)
        {
            var result = new List<HostLibstdcxx>();
            foreach (string directory in directories)
            {
                string candidate = Path.Combine(directory, LibraryName);
                if (!File.Exists(candidate))
                    continue;
                try
                {
                    byte[] image = File.ReadAllBytes(candidate);
                    if (ElfImage.ParseHeader(image).Machine != machine)
                        continue;
                    IList<string> versions = ReadDefinedVersions(image);
                    result.Add(new HostLibstdcxx(candidate, versions.Contains(RequiredVersion), HighestGlibcxx(versions)));
                }
                catch (ElfFormatException) { }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
            return result;
        }

        /// <summary>The highest GLIBCXX_a.b.c among <paramref name="versions"/>, compared numerically.</summary>
        public static string HighestGlibcxx(IEnumerable<string> versions)
        {
            const string prefix = "GLIBCXX_";
            string best = "";
            int[] bestParts = new int[0];
            foreach (string version in versions)
            {
                if (!version.StartsWith(prefix, StringComparison.Ordinal))
                    continue;
                int[]? parts = ParseDotted(version.Substring(prefix.Length));
                if (parts != null && CompareDotted(parts, bestParts) > 0)
                {
                    best = version;
                    bestParts = parts;
                }
            }
            return best.Length == 0 ? "no GLIBCXX version" : best;
        }

        private static int[]? ParseDotted(string text)
        {
            string[] pieces = text.Split('.');
            var parts = new int[pieces.Length];
            for (int i = 0; i < pieces.Length; i++)
            {
                if (!int.TryParse(pieces[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out parts[i]))
                    return null;
            }
            return parts;
        }

        private static int CompareDotted(int[] a, int[] b)
        {
            for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
            {
                int x = i < a.Length ? a[i] : 0, y = i < b.Length ? b[i] : 0;
                if (x != y)
                    return x.CompareTo(y);
            }
            return a.Length.CompareTo(b.Length);
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
                return false;
            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                    return false;
            }
            return true;
        }

        private static int ReadFully(Stream stream, byte[] buffer)
        {
            int total = 0;
            while (total < buffer.Length)
            {
                int n = stream.Read(buffer, total, buffer.Length - total);
                if (n == 0)
                    break;
                total += n;
            }
            return total;
        }
    }

    /// <summary>A section header of an <see cref="ElfImage"/>.</summary>
    public sealed class ElfSection
    {
        public ElfSection(int index, uint type, ulong offset, ulong size, uint link, uint info, ulong entrySize)
        {
            Index = index;
            Type = type;
            Offset = offset;
            Size = size;
            Link = link;
            Info = info;
            EntrySize = entrySize;
        }

        public int Index { get; }
        public uint Type { get; }
        public ulong Offset { get; }
        public ulong Size { get; }
        public uint Link { get; }
        public uint Info { get; }
        public ulong EntrySize { get; }
    }

    /// <summary>
    /// A minimal reader for ELF64 little-endian images (x86_64, aarch64): header, section headers and the
    /// symbol-versioning structures. Every read is bounds-checked and every chain walk is bounded, so a
    /// truncated or hostile file produces an <see cref="ElfFormatException"/>, never an index error or a hang.
    /// </summary>
    public sealed class ElfImage
    {
        public const int HeaderSize = 64;
        public const ushort EmX8664 = 62;
        public const ushort EmAarch64 = 183;
        public const uint ShtStrtab = 3;
        public const uint ShtRela = 4;
        public const uint ShtRel = 9;
        public const uint ShtDynsym = 11;
        public const uint ShtNobits = 8;
        public const uint ShtGnuVerdef = 0x6ffffffd;
        public const uint ShtGnuVerneed = 0x6ffffffe;
        public const uint ShtGnuVersym = 0x6fffffff;
        public const int SymbolSize = 24;        // Elf64_Sym
        private const int RelaSize = 24;         // Elf64_Rela
        private const int RelSize = 16;          // Elf64_Rel
        private const int SectionHeaderSize = 64; // Elf64_Shdr

        private readonly byte[] _bytes;

        private ElfImage(byte[] bytes, ushort machine, ElfSection[] sections)
        {
            _bytes = bytes;
            Machine = machine;
            Sections = sections;
        }

        public ushort Machine { get; }
        public IReadOnlyList<ElfSection> Sections { get; }

        /// <summary>A Vernaux entry together with the file named by its Verneed.</summary>
        public struct VersionNeed
        {
            public string FileName;
            public string VersionName;
            public long AuxFileOffset;
        }

        /// <summary>Validates the ELF identification and returns the header fields this reader needs.</summary>
        public static (ushort Machine, ulong SectionHeaderOffset, ushort SectionHeaderEntrySize, ushort SectionCount) ParseHeader(byte[] bytes)
        {
            if (bytes.Length < 4 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
                throw new ElfFormatException("not an ELF file (bad magic number)");
            if (bytes.Length < HeaderSize)
                throw new ElfFormatException($"truncated ELF file ({bytes.Length} bytes, shorter than the ELF64 header)");
            if (bytes[4] != 2)
                throw new ElfFormatException($"unsupported ELF class {bytes[4]} (only 64-bit ELF is supported)");
            if (bytes[5] != 1)
                throw new ElfFormatException($"unsupported ELF data encoding {bytes[5]} (only little-endian is supported)");
            ushort machine = ReadU16(bytes, 18);
            if (machine != EmX8664 && machine != EmAarch64)
                throw new ElfFormatException($"unsupported machine {machine} (only x86_64 = {EmX8664} and aarch64 = {EmAarch64} are supported)");
            return (machine, ReadU64(bytes, 40), ReadU16(bytes, 58), ReadU16(bytes, 60));
        }

        public static ElfImage Parse(byte[] bytes)
        {
            var header = ParseHeader(bytes);
            if (header.SectionHeaderOffset == 0)
                throw new ElfFormatException("the file has no section header table, so its version sections cannot be located");
            if (header.SectionHeaderEntrySize < SectionHeaderSize)
                throw new ElfFormatException($"section header entry size {header.SectionHeaderEntrySize} is smaller than {SectionHeaderSize}");

            // With 0xff00 or more sections, e_shnum is 0 and the real count is in section 0's sh_size.
            ulong count = header.SectionCount;
            if (count == 0)
            {
                RequireRange(bytes, header.SectionHeaderOffset, SectionHeaderSize, "section header 0");
                count = ReadU64(bytes, (long)header.SectionHeaderOffset + 32);
            }
            if (count > (ulong)bytes.LongLength / header.SectionHeaderEntrySize)
                throw new ElfFormatException($"section count {count} cannot fit in the file; the file is truncated or corrupt");
            RequireRange(bytes, header.SectionHeaderOffset, count * header.SectionHeaderEntrySize, "the section header table");

            var sections = new ElfSection[count];
            for (int i = 0; i < (int)count; i++)
            {
                long at = (long)header.SectionHeaderOffset + (long)i * header.SectionHeaderEntrySize;
                sections[i] = new ElfSection(
                    index: i,
                    type: ReadU32(bytes, at + 4),
                    offset: ReadU64(bytes, at + 24),
                    size: ReadU64(bytes, at + 32),
                    link: ReadU32(bytes, at + 40),
                    info: ReadU32(bytes, at + 44),
                    entrySize: ReadU64(bytes, at + 56));
            }
            return new ElfImage(bytes, header.Machine, sections);
        }

        /// <summary>The only section of <paramref name="type"/>, or null; more than one is malformed for the types used here.</summary>
        public ElfSection? SingleSectionOfType(uint type, string name)
        {
            ElfSection? found = null;
            foreach (ElfSection section in Sections)
            {
                if (section.Type != type)
                    continue;
                if (found != null)
                    throw new ElfFormatException($"more than one {name} section (sections {found.Index} and {section.Index})");
                found = section;
            }
            if (found != null)
                RequireSectionData(found, name);
            return found;
        }

        /// <summary>The section named by <paramref name="owner"/>'s sh_link, which must have <paramref name="expectedType"/>.</summary>
        public ElfSection LinkedSection(ElfSection owner, uint expectedType, string ownerName)
        {
            if (owner.Link == 0 || owner.Link >= Sections.Count)
                throw new ElfFormatException($"{ownerName} (section {owner.Index}) has an invalid sh_link {owner.Link}");
            ElfSection linked = Sections[(int)owner.Link];
            if (linked.Type != expectedType)
                throw new ElfFormatException($"{ownerName} links to section {linked.Index} of type 0x{linked.Type:x}; expected type 0x{expectedType:x}");
            RequireSectionData(linked, $"section {linked.Index} linked from {ownerName}");
            return linked;
        }

        /// <summary>Number of fixed-size entries in a table section; sh_entsize must be the standard ELF64 size (or 0).</summary>
        public int EntryCount(ElfSection section, int entrySize, string name)
        {
            if (section.EntrySize != 0 && section.EntrySize != (ulong)entrySize)
                throw new ElfFormatException($"{name} (section {section.Index}) has sh_entsize {section.EntrySize}; expected {entrySize}");
            if (section.Size % (ulong)entrySize != 0)
                throw new ElfFormatException($"{name} (section {section.Index}) size {section.Size} is not a multiple of {entrySize}");
            return (int)(section.Size / (ulong)entrySize);
        }

        /// <summary>
        /// Walks the Verneed chain (vn_next) and each Vernaux chain (vna_next) the way the dynamic linker does.
        /// Offsets are relative to the current entry; 0 ends a chain. Walks are bounded by the section size.
        /// </summary>
        public IEnumerable<VersionNeed> ReadVersionNeeds(ElfSection verneed, ElfSection strings)
        {
            const int entrySize = 16; // Elf64_Verneed and Elf64_Vernaux are both 16 bytes
            long start = (long)verneed.Offset, end = start + (long)verneed.Size;
            ulong maxEntries = verneed.Size / entrySize;
            var result = new List<VersionNeed>();
            long need = start;
            for (ulong seen = 0; ; seen++)
            {
                if (seen >= maxEntries)
                    throw new ElfFormatException(".gnu.version_r: the vn_next chain does not end inside the section");
                RequireWithin(need, entrySize, start, end, ".gnu.version_r: Verneed entry");
                ushort version = U16(need);
                if (version != 1)
                    throw new ElfFormatException($".gnu.version_r: Verneed at 0x{need:x} has vn_version {version}; expected 1");
                ushort auxCount = U16(need + 2);
                string fileName = ReadString(strings, U32(need + 4));
                long aux = need + U32(need + 8);
                for (int i = 0; i < auxCount; i++)
                {
                    RequireWithin(aux, entrySize, start, end, ".gnu.version_r: Vernaux entry");
                    result.Add(new VersionNeed { FileName = fileName, VersionName = ReadString(strings, U32(aux + 8)), AuxFileOffset = aux });
                    uint auxNext = U32(aux + 12);
                    if (auxNext == 0)
                    {
                        if (i != auxCount - 1)
                            throw new ElfFormatException($".gnu.version_r: Verneed for {fileName} declares {auxCount} entries but its chain has {i + 1}");
                        break;
                    }
                    aux += auxNext;
                }
                uint next = U32(need + 12);
                if (next == 0)
                    break;
                need += next;
            }
            return result;
        }

        /// <summary>Walks the Verdef chain and returns each definition's name (its first Verdaux) with vd_flags.</summary>
        public IEnumerable<KeyValuePair<string, ushort>> ReadVersionDefinitions(ElfSection verdef, ElfSection strings)
        {
            const int defSize = 20, auxSize = 8; // Elf64_Verdef, Elf64_Verdaux
            long start = (long)verdef.Offset, end = start + (long)verdef.Size;
            ulong maxEntries = verdef.Size / defSize;
            var result = new List<KeyValuePair<string, ushort>>();
            long def = start;
            for (ulong seen = 0; ; seen++)
            {
                if (seen >= maxEntries)
                    throw new ElfFormatException(".gnu.version_d: the vd_next chain does not end inside the section");
                RequireWithin(def, defSize, start, end, ".gnu.version_d: Verdef entry");
                ushort version = U16(def);
                if (version != 1)
                    throw new ElfFormatException($".gnu.version_d: Verdef at 0x{def:x} has vd_version {version}; expected 1");
                ushort flags = U16(def + 2);
                long aux = def + U32(def + 12);
                RequireWithin(aux, auxSize, start, end, ".gnu.version_d: Verdaux entry");
                result.Add(new KeyValuePair<string, ushort>(ReadString(strings, U32(aux)), flags));
                uint next = U32(def + 16);
                if (next == 0)
                    break;
                def += next;
            }
            return result;
        }

        public string SymbolName(ElfSection symbols, ElfSection strings, int index) =>
            ReadString(strings, U32((long)symbols.Offset + (long)index * SymbolSize));

        /// <summary>st_shndx of a symbol; 0 (SHN_UNDEF) means the symbol is a reference, not a definition.</summary>
        public ushort SymbolSectionIndex(ElfSection symbols, int index) =>
            U16((long)symbols.Offset + (long)index * SymbolSize + 6);

        /// <summary>
        /// The name of the first SHT_RELA/SHT_REL section whose entries refer to <paramref name="symbolIndex"/> of
        /// <paramref name="symbols"/>, or null. Relocation sections apply to the symbol table named by their sh_link;
        /// an sh_link of 0 is treated as "could be this table" to stay on the safe side.
        /// </summary>
        public string? FindRelocationOf(ElfSection symbols, int symbolIndex)
        {
            foreach (ElfSection section in Sections)
            {
                bool rela = section.Type == ShtRela;
                if (!rela && section.Type != ShtRel)
                    continue;
                if (section.Link != 0 && section.Link != (uint)symbols.Index)
                    continue;
                string name = $"section {section.Index} ({(rela ? "SHT_RELA" : "SHT_REL")})";
                RequireSectionData(section, name);
                int size = rela ? RelaSize : RelSize;
                int count = EntryCount(section, size, name);
                for (int i = 0; i < count; i++)
                {
                    ulong info = U64((long)section.Offset + (long)i * size + 8);
                    if ((info >> 32) == (ulong)symbolIndex) // ELF64_R_SYM
                        return name;
                }
            }
            return null;
        }

        public ushort U16(long offset)
        {
            RequireRange(_bytes, (ulong)offset, 2, "a 2-byte field");
            return ReadU16(_bytes, offset);
        }

        public uint U32(long offset)
        {
            RequireRange(_bytes, (ulong)offset, 4, "a 4-byte field");
            return ReadU32(_bytes, offset);
        }

        public ulong U64(long offset)
        {
            RequireRange(_bytes, (ulong)offset, 8, "an 8-byte field");
            return ReadU64(_bytes, offset);
        }

        private string ReadString(ElfSection strings, uint offset)
        {
            if (offset >= strings.Size)
                throw new ElfFormatException($"string offset {offset} is outside string table section {strings.Index} (size {strings.Size})");
            long start = (long)strings.Offset + offset, end = (long)(strings.Offset + strings.Size);
            long terminator = start;
            while (terminator < end && _bytes[terminator] != 0)
                terminator++;
            if (terminator == end)
                throw new ElfFormatException($"unterminated string at offset {offset} of string table section {strings.Index}");
            return Encoding.UTF8.GetString(_bytes, (int)start, (int)(terminator - start));
        }

        private void RequireSectionData(ElfSection section, string name)
        {
            if (section.Type == ShtNobits)
                throw new ElfFormatException($"{name} (section {section.Index}) has no data in the file");
            RequireRange(_bytes, section.Offset, section.Size, $"{name} (section {section.Index})");
        }

        private static void RequireWithin(long offset, int size, long start, long end, string what)
        {
            if (offset < start || offset + size > end)
                throw new ElfFormatException($"{what} at 0x{offset:x} lies outside its section [0x{start:x}, 0x{end:x})");
        }

        private static void RequireRange(byte[] bytes, ulong offset, ulong size, string what)
        {
            ulong length = (ulong)bytes.LongLength;
            if (offset > length || size > length - offset)
                throw new ElfFormatException(
                    $"{what} at 0x{offset:x} (0x{size:x} bytes) lies outside the file (0x{length:x} bytes); the file is truncated or corrupt");
        }

        // Explicit little-endian decoding: correct whatever the byte order of the machine running the build.
        private static ushort ReadU16(byte[] b, long o) => (ushort)(b[o] | b[o + 1] << 8);
        private static uint ReadU32(byte[] b, long o) => (uint)(b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24);
        private static ulong ReadU64(byte[] b, long o) => ReadU32(b, o) | (ulong)ReadU32(b, o + 4) << 32;
    }

    /// <summary>
    /// MSBuild task: for each library in <see cref="Libraries"/>, marks GLIBCXX_3.4.32 weak when the output is
    /// meant for other machines (<see cref="PatchRegardlessOfHost"/>, set for publish) or when a host
    /// libstdc++.so.6 for the library's machine lacks that version (plain builds). Logs one line per library.
    /// A library it cannot patch is a warning (<see cref="WarningCode"/>), never an error: the file belongs to
    /// TorchSharp, and the consumer's build must not break over it; the warning says what will fail at run time.
    /// </summary>
    public sealed class MultiTaskSharpLibstdcxxCompatPatch : Task
    {
        /// <summary>The stable code of the "left unpatched" warning (documented in docs/libstdcxx-compat.md).</summary>
        public const string WarningCode = "MTLB0001";

        private const string OldDistributions = "distributions whose libstdc++ predates GCC 13 (such as Debian 12 and Ubuntu 22.04)";

        /// <summary>The libLibTorchSharp.so copies in the build or publish output (never the package cache).</summary>
        [Required]
        public ITaskItem[] Libraries { get; set; } = new ITaskItem[0];

        /// <summary>Where to look for the host's libstdc++.so.6; empty means <see cref="LibstdcxxCompat.DefaultHostLibraryDirectories"/>.</summary>
        public string[] HostLibraryDirectories { get; set; } = new string[0];

        /// <summary>
        /// Patch without looking at the host: the output will run elsewhere (publish), and the weak flag is a
        /// no-op wherever GLIBCXX_3.4.32 exists, so the build host's libstdc++ says nothing about the target's.
        /// </summary>
        public bool PatchRegardlessOfHost { get; set; }

        /// <summary>Where the user can read about the patch (named in the warning); optional.</summary>
        public string DocumentationPath { get; set; } = "";

        public override bool Execute()
        {
            string[] directories = HostLibraryDirectories.Length > 0 ? HostLibraryDirectories : LibstdcxxCompat.DefaultHostLibraryDirectories;
            foreach (ITaskItem library in Libraries)
            {
                string display = library.ItemSpec;
                string path = library.GetMetadata("FullPath");
                HostLibstdcxx? lacking = null;
                try
                {
                    string why;
                    if (PatchRegardlessOfHost)
                    {
                        why = "published output: loadable on " + OldDistributions;
                    }
                    else
                    {
                        ushort machine = LibstdcxxCompat.ReadMachine(path);
                        IList<HostLibstdcxx> hosts = LibstdcxxCompat.FindHostLibraries(machine, directories);
                        if (hosts.Count == 0)
                        {
                            Log.LogMessage(MessageImportance.Low,
                                $"MultiTaskSharp: no {LibstdcxxCompat.LibraryName} for machine {machine} found in {string.Join(", ", directories)}; {display} left unchanged");
                            continue;
                        }

                        // Patch if any libstdc++ the loader could pick lacks the version; the weak flag is a no-op where it exists.
                        foreach (HostLibstdcxx host in hosts)
                        {
                            if (!host.ProvidesRequiredVersion)
                            {
                                lacking = host;
                                break;
                            }
                        }
                        if (lacking == null)
                        {
                            Log.LogMessage(MessageImportance.Low,
                                $"MultiTaskSharp: host {LibstdcxxCompat.LibraryName} provides {LibstdcxxCompat.RequiredVersion}; {display} left unchanged");
                            continue;
                        }
                        why = $"host libstdc++ provides up to {lacking.HighestGlibcxxVersion}";
                    }

                    switch (LibstdcxxCompat.PatchFile(path))
                    {
                        case LibstdcxxPatchOutcome.Patched:
                            Log.LogMessage(MessageImportance.High, $"MultiTaskSharp: marked {LibstdcxxCompat.RequiredVersion} weak in {display} ({why})");
                            break;
                        case LibstdcxxPatchOutcome.AlreadyPatched:
                            Log.LogMessage(MessageImportance.High, $"MultiTaskSharp: {LibstdcxxCompat.RequiredVersion} already weak in {display} ({why})");
                            break;
                        default:
                            Log.LogMessage(MessageImportance.Low, $"MultiTaskSharp: {display} does not require {LibstdcxxCompat.RequiredVersion}; left unchanged");
                            break;
                    }
                }
                catch (Exception e) when (e is ElfFormatException || e is LibstdcxxPatchRefusedException || e is IOException || e is UnauthorizedAccessException)
                {
                    // The message is passed as an argument, never as a format string: file names may contain braces.
                    Log.LogWarning(null, WarningCode, null, path, 0, 0, 0, 0, "{0}", UnpatchedWarning(display, e.Message, lacking));
                }
            }
            return !Log.HasLoggedErrors;
        }

        /// <summary>What was found, what will fail at run time and where, and what the user can do.</summary>
        private string UnpatchedWarning(string display, string reason, HostLibstdcxx? lacking)
        {
            string where = lacking == null
                ? "on " + OldDistributions
                : $"on this machine, whose {lacking.Path} provides only up to {lacking.HighestGlibcxxVersion}";
            string documentation = DocumentationPath.Length == 0 ? "" : $" See {DocumentationPath}.";
            return
                $"MultiTaskSharp left {display} unchanged: {reason}. " +
                $"It only marks {LibstdcxxCompat.RequiredVersion} weak when its sole user is the undefined, unrelocated symbol {LibstdcxxCompat.ExpectedSymbol}. " +
                $"Loading TorchSharp will fail at run time {where}: the dynamic linker rejects the library " +
                $"(`ldd` on it shows \"version `{LibstdcxxCompat.RequiredVersion}' not found\"), and the first torch call throws a " +
                "TypeInitializationException whose inner exception says the application \"doesn't contain a reference to libtorch-...\". " +
                "To run there, use a TorchSharp version whose native library loads on that distribution, " +
                $"or a libstdc++ from GCC 13 or later (a newer distribution, or one placed ahead of the system one with LD_LIBRARY_PATH).{documentation} " +
                $"If the output never runs on such a system, set MultiTaskSharpSkipLibstdcxxPatch=true or add {WarningCode} to NoWarn.";
        }
    }
}
