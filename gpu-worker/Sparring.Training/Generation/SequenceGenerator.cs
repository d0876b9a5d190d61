using Sparring.Training.Model;
using static TorchSharp.torch;

namespace Sparring.Training.Generation;

/// <summary>
/// Continues a batch of prompts together. Prompts are padded on the left, so every row's next token sits in the same
/// column; each row's positions start at its own first token and padding is never attended to. With the KV cache each
/// step feeds one token a row; without it, each step runs the whole sequence again (the reference the cache is tested
/// against).
/// </summary>
public sealed class SequenceGenerator(CausalTransformer model, Func<int, bool> isStop)
{
    /// <summary>Generates every request; rows stop at a stop token or their own token limit.</summary>
    public IReadOnlyList<GeneratedSequence> Generate(IReadOnlyList<GenerationRequest> requests, bool useCache = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            return [];
        }

        var context = model.Config.ContextLength;
        var batch = requests.Count;
        var prompts = new int[batch][];
        var truncated = new int[batch];
        var maxNew = 0;
        for (var row = 0; row < batch; row++)
        {
            var request = requests[row];
            if (request.MaxNewTokens < 1 || request.MaxNewTokens >= context)
            {
                throw new ArgumentException($"request {row}: maxNewTokens must be between 1 and {context - 1} (the context is {context})", nameof(requests));
            }

            var room = context - request.MaxNewTokens;
            var prompt = request.Prompt;
            truncated[row] = Math.Max(0, prompt.Count - room);
            prompts[row] = prompt.Skip(truncated[row]).ToArray();
            if (prompts[row].Length == 0)
            {
                throw new ArgumentException($"request {row}: the prompt is empty", nameof(requests));
            }

            maxNew = Math.Max(maxNew, request.MaxNewTokens);
        }

        var promptWidth = prompts.Max(prompt => prompt.Length);
        var capacity = promptWidth + maxNew;
        var device = model.Device;
        var padding = prompts.Select(prompt => promptWidth - prompt.Length).ToArray();
        var samplers = requests.Select(request => new TokenSampler(request.Temperature, request.TopP, request.Seed)).ToArray();
        var outputs = Enumerable.Range(0, batch).Select(_ => new List<int>()).ToArray();
        var done = new bool[batch];
        var stopped = new bool[batch];

        var sequence = new long[batch * capacity];
        for (var row = 0; row < batch; row++)
        {
            for (var i = 0; i < prompts[row].Length; i++)
            {
                sequence[row * capacity + padding[row] + i] = prompts[row][i];
            }
        }

        using var outer = NewDisposeScope();
        using var noGrad = no_grad();
        var keyValid = KeyValidity(padding, capacity, device);
        var positions = Positions(padding, capacity, context, device);
        using var cache = useCache ? new KvCache(model.Config, batch, capacity, device, ScalarType.Float32) : null;
        var length = promptWidth;
        for (var step = 0; step < maxNew && !done.All(d => d); step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var start = useCache && step > 0 ? length - 1 : 0;
            var fed = length - start;
            var tokens = tensor(Slice(sequence, batch, capacity, start, fed), [batch, fed], ScalarType.Int64).to(device);
            // Queries are the fed positions, keys every position so far: (fed × length) per step, not length².
            var queries = arange(start, length, ScalarType.Int64, device).view(1, 1, fed, 1);
            var keys = arange(length, ScalarType.Int64, device).view(1, 1, 1, length);
            var valid = keyValid.narrow(1, 0, length).view(batch, 1, 1, length);
            var mask = keys.le(queries).logical_and(valid.logical_or(keys.eq(queries)));
            var hidden = model.Hidden(tokens, positions.narrow(1, start, fed), mask, cache);
            var logits = model.Logits(hidden.narrow(1, fed - 1, 1)).squeeze(1).to(ScalarType.Float32).cpu();
            var values = logits.data<float>().ToArray();
            var vocabulary = (int)logits.shape[1];
            for (var row = 0; row < batch; row++)
            {
                if (done[row])
                {
                    continue;
                }

                var next = samplers[row].Next(values.AsSpan(row * vocabulary, vocabulary));
                outputs[row].Add(next);
                sequence[row * capacity + length] = next;
                if (isStop(next))
                {
                    done[row] = stopped[row] = true;
                }
                else if (outputs[row].Count >= requests[row].MaxNewTokens)
                {
                    done[row] = true;
                }
            }

            length++;
        }

        return Enumerable.Range(0, batch)
            .Select(row => new GeneratedSequence([.. outputs[row]], stopped[row], prompts[row].Length, truncated[row]))
            .ToList();
    }

    private static long[] Slice(long[] sequence, int batch, int capacity, int start, int count)
    {
        var slice = new long[batch * count];
        for (var row = 0; row < batch; row++)
        {
            Array.Copy(sequence, row * capacity + start, slice, row * count, count);
        }

        return slice;
    }

    private static Tensor KeyValidity(int[] padding, int capacity, Device device)
    {
        var valid = new bool[padding.Length * capacity];
        for (var row = 0; row < padding.Length; row++)
        {
            for (var column = padding[row]; column < capacity; column++)
            {
                valid[row * capacity + column] = true;
            }
        }

        return tensor(valid, [padding.Length, capacity]).to(device);
    }

    // A finished row keeps being fed padding while others go on; its positions stop at the context's last so they stay valid.
    private static Tensor Positions(int[] padding, int capacity, int context, Device device)
    {
        var positions = new long[padding.Length * capacity];
        for (var row = 0; row < padding.Length; row++)
        {
            for (var column = 0; column < capacity; column++)
            {
                positions[row * capacity + column] = Math.Clamp(column - padding[row], 0, context - 1);
            }
        }

        return tensor(positions, [padding.Length, capacity], ScalarType.Int64).to(device);
    }
}
