using Azure;
using Sparring.Abstractions.Reports;

namespace Sparring.Storage;

/// <summary>A run's report as read, with the ETag a conditional replace of it must match.</summary>
/// <param name="Report">The report.</param>
/// <param name="ETag">The report blob's ETag when it was read.</param>
public sealed record VersionedReport(RunReport Report, ETag ETag);
