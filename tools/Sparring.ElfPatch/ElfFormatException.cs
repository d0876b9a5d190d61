namespace Sparring.ElfPatch;

/// <summary>The file is not the ELF the patcher expects, or lacks the version-needed entry it was asked to weaken.</summary>
public sealed class ElfFormatException(string message) : Exception(message);
