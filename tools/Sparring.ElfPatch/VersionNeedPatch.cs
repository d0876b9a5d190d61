namespace Sparring.ElfPatch;

/// <summary>What a patch did: the entries it weakened (empty when all were weak already, so patching twice is a no-op).</summary>
/// <param name="Matched">The entries named as asked, as they were before the patch.</param>
/// <param name="Changed">Those among them whose weak flag the patch set.</param>
public sealed record VersionNeedPatch(IReadOnlyList<VersionNeed> Matched, IReadOnlyList<VersionNeed> Changed);
