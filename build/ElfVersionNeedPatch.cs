// Marks one GNU version-need entry of an ELF64 shared library as weak (VER_FLG_WEAK).
//
// Why: TorchSharp-cpu 0.107.0 ships libLibTorchSharp.so linked against GCC 13, which records a need for
// GLIBCXX_3.4.32. Debian 12's libstdc++ stops at GLIBCXX_3.4.30, so the loader refuses the library. The only
// symbol bound to that version is std::ios_base_library_init(), a link-time marker that no relocation refers
// to, so a weak need is enough: the loader accepts a missing weak version silently and never looks the
// symbol up. The patch is written to a temporary file and renamed over the build output, so a hard-linked
// copy of the NuGet cache file is replaced, never modified in place.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class ElfVersionNeedPatch : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    /// <summary>The shared library in the build output to patch.</summary>
    [Required] public string Library { get; set; } = "";

    /// <summary>The version name whose need becomes weak, e.g. GLIBCXX_3.4.32.</summary>
    [Required] public string VersionName { get; set; } = "";

    /// <summary>Candidate paths of the system library that would provide the version.</summary>
    public string[] SystemLibraries { get; set; } = Array.Empty<string>();

    public override bool Execute()
    {
        if (!File.Exists(Library)) return true;
        foreach (var candidate in SystemLibraries)
        {
            if (File.Exists(candidate) && ContainsAscii(File.ReadAllBytes(candidate), VersionName))
            {
                Log.LogMessage(MessageImportance.Low, $"{candidate} provides {VersionName}; {Library} left as shipped.");
                return true;
            }
        }

        var image = File.ReadAllBytes(Library);
        var result = MarkWeak(image, VersionName);
        switch (result)
        {
            case PatchResult.AlreadyWeak:
                return true;
            case PatchResult.NotFound:
                Log.LogMessage(MessageImportance.Low, $"{Library} does not need {VersionName}; nothing to patch.");
                return true;
            case PatchResult.NotElf64:
                Log.LogWarning($"{Library} is not a little-endian ELF64 file; TorchSharp may fail to load on this host.");
                return true;
        }

        var temporary = Library + ".patching";
        File.WriteAllBytes(temporary, image);
        File.Replace(temporary, Library, destinationBackupFileName: null);
        Log.LogMessage(MessageImportance.Normal, $"Marked the {VersionName} need of {Library} weak so it loads with this system's libstdc++.");
        return true;
    }

    private enum PatchResult { Patched, AlreadyWeak, NotFound, NotElf64 }

    private static PatchResult MarkWeak(byte[] image, string versionName)
    {
        // ELF64, little-endian only: the x86-64 and arm64 Linux builds TorchSharp ships.
        // (Plain byte arithmetic: MSBuild compiles inline tasks against netstandard2.0, without spans.)
        if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F'
            || image[4] != 2 || image[5] != 1)
            return PatchResult.NotElf64;

        var sectionTable = (long)U64(image, 0x28);
        long sectionSize = U16(image, 0x3A);
        long sectionCount = U16(image, 0x3C);

        for (var i = 0L; i < sectionCount; i++)
        {
            var header = sectionTable + i * sectionSize;
            if (U32(image, header + 4) != ShtGnuVerneed) continue;

            var need = (long)U64(image, header + 0x18);
            var entryCount = U32(image, header + 0x2C);
            var stringHeader = sectionTable + U32(image, header + 0x28) * sectionSize;
            var strings = (long)U64(image, stringHeader + 0x18);

            for (var n = 0; n < entryCount; n++)
            {
                int auxCount = U16(image, need + 2);
                var aux = need + U32(image, need + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    if (ReadCString(image, strings + U32(image, aux + 8)) == versionName)
                    {
                        var flags = U16(image, aux + 4);
                        if ((flags & VerFlagWeak) != 0) return PatchResult.AlreadyWeak;
                        flags |= VerFlagWeak;
                        image[aux + 4] = (byte)(flags & 0xff);
                        image[aux + 5] = (byte)(flags >> 8);
                        return PatchResult.Patched;
                    }
                    var nextAux = U32(image, aux + 12);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                var nextNeed = U32(image, need + 12);
                if (nextNeed == 0) break;
                need += nextNeed;
            }
        }
        return PatchResult.NotFound;
    }

    private static ushort U16(byte[] b, long at) => (ushort)(b[at] | b[at + 1] << 8);

    private static uint U32(byte[] b, long at) => (uint)(b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24);

    private static ulong U64(byte[] b, long at) => U32(b, at) | (ulong)U32(b, at + 4) << 32;

    private static string ReadCString(byte[] image, long offset)
    {
        var end = offset;
        while (end < image.Length && image[end] != 0) end++;
        return Encoding.ASCII.GetString(image, (int)offset, (int)(end - offset));
    }

    private static bool ContainsAscii(byte[] haystack, string needle)
    {
        var pattern = Encoding.ASCII.GetBytes(needle + "\0");
        for (var i = 0; i + pattern.Length <= haystack.Length; i++)
        {
            var j = 0;
            while (j < pattern.Length && haystack[i + j] == pattern[j]) j++;
            if (j == pattern.Length) return true;
        }
        return false;
    }
}
