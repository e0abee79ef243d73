using KubeSharp.Node.Images;

namespace KubeSharp.Cli;

/// <summary><c>kubesharp images import FILE…</c>: adds image tarballs to the node's store (as <c>k3s ctr images import</c>).</summary>
public static class ImagesCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("import" or "list" or "ls"))
            throw new FlagException("usage: kubesharp images import FILE... [--data-dir DIR] | kubesharp images list [--data-dir DIR]");
        var files = args[1..].TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var flags = Flags.Parse(args[(1 + files.Count)..]);
        foreach (var name in flags.Names)
            if (name != "data-dir") throw new FlagException($"unknown flag --{name}");
        var dataDir = Path.GetFullPath(flags.Get("data-dir") ?? ServerCommandDefaults.DataDir());
        var store = new ImageStore(Path.Combine(dataDir, "agent", "images-store"));
        if (args[0] is "list" or "ls")
        {
            Console.WriteLine($"{"REFERENCE",-50} {"IMAGE ID",-20} SIZE");
            foreach (var image in await store.ListImagesAsync(CancellationToken.None))
                foreach (var reference in image.References.DefaultIfEmpty("<none>"))
                    Console.WriteLine($"{reference,-50} {image.Id[7..19],-20} {image.Size}");
            return 0;
        }
        if (files.Count == 0) throw new FlagException("kubesharp images import needs at least one FILE");
        foreach (var file in files)
        {
            var references = await store.ImportAsync(Path.GetFullPath(file), CancellationToken.None);
            Console.WriteLine($"imported {file}: {string.Join(", ", references)}");
        }
        return 0;
    }
}

/// <summary>Defaults shared by the commands that find the data directory.</summary>
public static class ServerCommandDefaults
{
    public static string DataDir() =>
        Environment.UserName == "root" ? "/var/lib/kubesharp" : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kubesharp");
}
