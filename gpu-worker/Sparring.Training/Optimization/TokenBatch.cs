using static TorchSharp.torch;

namespace Sparring.Training.Optimization;

/// <summary>Sequences right-padded into one tensor, with a float mask of the positions a loss counts.</summary>
public static class TokenBatch
{
    /// <summary>Ids (batch, time) and mask (batch, time) of the given sequences, padded with 0 to the longest.</summary>
    public static (Tensor Ids, Tensor Mask) Create(IReadOnlyList<int[]> sequences, IReadOnlyList<bool[]> masks, Device device)
    {
        var batch = sequences.Count;
        var width = sequences.Max(sequence => sequence.Length);
        var ids = new long[batch * width];
        var mask = new float[batch * width];
        for (var row = 0; row < batch; row++)
        {
            for (var i = 0; i < sequences[row].Length; i++)
            {
                ids[row * width + i] = sequences[row][i];
                mask[row * width + i] = masks[row][i] ? 1f : 0f;
            }
        }

        return (tensor(ids, [batch, width], ScalarType.Int64).to(device), tensor(mask, [batch, width]).to(device));
    }

    /// <summary>Per-position values (rows, <paramref name="width"/>) of the given rows, each padded with 0 on the right.</summary>
    public static Tensor Rows(IReadOnlyList<float[]> rows, int width, Device device)
    {
        var data = new float[rows.Count * width];
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].CopyTo(data, i * width);
        }

        return tensor(data, [rows.Count, width]).to(device);
    }

    /// <summary>Log-probabilities (batch, time-1) of each next token under the logits (batch, time, vocabulary).</summary>
    public static Tensor NextTokenLogProbabilities(Tensor logits, Tensor ids)
    {
        var time = ids.shape[1];
        var logProbabilities = nn.functional.log_softmax(logits.narrow(1, 0, time - 1), -1);
        return logProbabilities.gather(-1, ids.narrow(1, 1, time - 1).unsqueeze(-1)).squeeze(-1);
    }
}
