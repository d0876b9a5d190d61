namespace Sparring.Training.Rl;

/// <summary>How an RL step's update phase runs; each trainer fills it from its options.</summary>
/// <param name="LearningRate">AdamW learning rate.</param>
/// <param name="Epochs">Passes over the batch.</param>
/// <param name="MiniBatchSize">Episodes per gradient step (the largest; minibatches are made even).</param>
/// <param name="MicroBatchSize">Episodes per forward and backward pass.</param>
/// <param name="MaxGradNorm">Gradient norm clip.</param>
/// <param name="MaxApproxKl">Early stop past this approximate KL of a minibatch; 0: never.</param>
/// <param name="Seed">Seed of the shuffling.</param>
internal sealed record MinibatchSettings(double LearningRate, int Epochs, int MiniBatchSize, int MicroBatchSize, double MaxGradNorm, double MaxApproxKl, int Seed);
