namespace Sparring.Samples.MedicalSupply;

/// <summary>Where a generated order is in its life: its kind and how many days ago it was placed (delivered, for delivered orders).</summary>
internal sealed record OrderStage(string Kind, int MinDaysAgo, int MaxDaysAgo);
