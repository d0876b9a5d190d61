using Sparring.ElfPatch;

// Errors are printed in MSBuild's canonical format, so a failing patch in the build shows as a build error with its reason.
if (args.Length != 2)
{
    Console.Error.WriteLine("Sparring.ElfPatch : error ELFPATCH1: usage: Sparring.ElfPatch <elf64-file> <version-name>, e.g. libLibTorchSharp.so GLIBCXX_3.4.32");
    return 2;
}

try
{
    var patch = ElfVersionNeeds.PatchFile(args[0], args[1]);
    var what = patch.Changed.Count > 0 ? "marked weak" : "already weak";
    Console.WriteLine($"{args[0]}: {string.Join(", ", patch.Matched.Select(need => $"{need.File}:{need.Name}"))} {what}");
    return 0;
}
catch (Exception e) when (e is ElfFormatException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"Sparring.ElfPatch : error ELFPATCH2: {e.Message}");
    return 1;
}
