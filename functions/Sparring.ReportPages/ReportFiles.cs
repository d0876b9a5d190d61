namespace Sparring.ReportPages;

/// <summary>Names of the files in a run folder that a report page reads or is.</summary>
public static class ReportFiles
{
    /// <summary>The report page.</summary>
    public const string Page = "report.html";

    /// <summary>The run report (read through the store's report API).</summary>
    public const string RunReport = "report.json";

    /// <summary>The report of a training run (sparring train).</summary>
    public const string TrainReport = "train-report.json";

    /// <summary>The report of a nightly retraining.</summary>
    public const string NightlyReport = "nightly-report.json";

    /// <summary>The mock users' fidelity against the night's transcripts.</summary>
    public const string Fidelity = "fidelity.json";
}
