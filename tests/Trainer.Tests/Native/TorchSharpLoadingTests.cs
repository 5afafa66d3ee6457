using System.Text;
using TorchSharp;

namespace Snnsweep.Trainer.Tests.Native;

public sealed class TorchSharpLoadingTests
{
    [Fact]
    public void Torch_loads_on_this_host_and_runs_a_backward_pass()
    {
        using var x = torch.tensor(new[] { 1.0f, 2.0f, 3.0f }, requires_grad: true);
        using var y = (x * x).sum();
        y.backward();

        Assert.Equal(new[] { 2.0f, 4.0f, 6.0f }, x.grad!.data<float>().ToArray());
    }

    [Fact]
    public void Build_output_needs_no_libstdcxx_version_the_system_lacks()
    {
        var library = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        if (!OperatingSystem.IsLinux() || !File.Exists(library)) return;
        var system = new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6" }.FirstOrDefault(File.Exists);
        if (system is null) return;
        var systemHasVersion = Contains(File.ReadAllBytes(system), "GLIBCXX_3.4.32\0");

        var flags = VersionNeedFlags(File.ReadAllBytes(library), "GLIBCXX_3.4.32");

        // Where the system lacks the version the need must be weak (VER_FLG_WEAK = 2), else loading fails;
        // where it has it, the file must be left exactly as shipped.
        Assert.NotNull(flags);
        Assert.Equal(systemHasVersion ? 0 : 2, flags!.Value & 2);
    }

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.ASCII.GetBytes(needle)) >= 0;

    /// <summary>Reads the vna_flags of the version need named <paramref name="version"/> (ELF64 little-endian).</summary>
    private static int? VersionNeedFlags(byte[] elf, string version)
    {
        var span = elf.AsSpan();
        var sections = (long)BitConverter.ToUInt64(span[0x28..]);
        int size = BitConverter.ToUInt16(span[0x3A..]);
        int count = BitConverter.ToUInt16(span[0x3C..]);
        for (var i = 0; i < count; i++)
        {
            var header = span[(int)(sections + i * size)..];
            if (BitConverter.ToUInt32(header[4..]) != 0x6ffffffe) continue;
            var need = (long)BitConverter.ToUInt64(header[0x18..]);
            var strings = (long)BitConverter.ToUInt64(span[(int)(sections + BitConverter.ToUInt32(header[0x28..]) * size + 0x18)..]);
            for (var n = 0; n < BitConverter.ToUInt32(header[0x2C..]); n++)
            {
                var aux = need + BitConverter.ToUInt32(span[(int)(need + 8)..]);
                for (var a = 0; a < BitConverter.ToUInt16(span[(int)(need + 2)..]); a++)
                {
                    var nameAt = (int)(strings + BitConverter.ToUInt32(span[(int)(aux + 8)..]));
                    var rest = span[nameAt..];
                    var name = Encoding.ASCII.GetString(rest[..rest.IndexOf((byte)0)]);
                    if (name == version) return BitConverter.ToUInt16(span[(int)(aux + 4)..]);
                    aux += BitConverter.ToUInt32(span[(int)(aux + 12)..]);
                }
                need += BitConverter.ToUInt32(span[(int)(need + 12)..]);
            }
        }
        return null;
    }
}
