namespace Sparring.Training.Ppo;

/// <summary>Running mean and standard deviation of the scores seen so far (Chan et al.'s parallel update).</summary>
public sealed class RunningMoments
{
    private double _mean;
    private double _m2;

    /// <summary>Scores seen.</summary>
    public long Count { get; private set; }

    /// <summary>Mean of the scores seen.</summary>
    public double Mean => _mean;

    /// <summary>Standard deviation of the scores seen; 1 until there are two.</summary>
    public double StandardDeviation => Count < 2 ? 1 : Math.Sqrt(_m2 / (Count - 1));

    /// <summary>Adds a batch of scores.</summary>
    public void Update(IReadOnlyList<double> values)
    {
        foreach (var value in values)
        {
            Count++;
            var delta = value - _mean;
            _mean += delta / Count;
            _m2 += delta * (value - _mean);
        }
    }
}
