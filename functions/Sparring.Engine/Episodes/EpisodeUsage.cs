using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Users;

namespace Sparring.Engine.Episodes;

/// <summary>
/// One episode's ledger of model use, written by its participants' middleware: a turn record per policy call and user
/// turn, tokens by participant, and their cost at each one's price. One per episode, so episodes never share counts;
/// an episode's calls come one at a time.
/// </summary>
/// <param name="policyPricing">The policy's price.</param>
/// <param name="userPricing">The mock user's price.</param>
internal sealed class EpisodeUsage(ModelPricing policyPricing, ModelPricing userPricing)
{
    private readonly List<TurnRecord> _turns = [];

    /// <summary>The turns so far, in order.</summary>
    public IReadOnlyList<TurnRecord> Turns => _turns;

    /// <summary>The policy's tokens so far.</summary>
    public TokenCount Policy { get; private set; } = TokenCount.Zero;

    /// <summary>The user's tokens so far.</summary>
    public TokenCount User { get; private set; } = TokenCount.Zero;

    /// <summary>Whether any count is estimated.</summary>
    public bool Estimated { get; private set; }

    /// <summary>The policy's and the user's tokens, which the episode's token limit caps.</summary>
    public long TotalTokens => Policy.Total + User.Total;

    /// <summary>The tokens as the trajectory records them; the judge's are not counted per episode.</summary>
    public UsageSummary Summary => new(Policy, User, TokenCount.Zero, Estimated);

    /// <summary>The cost by participant, with the judge's as its graders reported it.</summary>
    public CostSummary Cost(decimal judge) => new(policyPricing.CostOf(Policy), userPricing.CostOf(User), judge);

    /// <summary>Records a call of the policy, with the token ids it sampled when it reports them.</summary>
    public void RecordPolicyCall(ModelCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        Policy += call.Tokens;
        Estimated |= call.Estimated;
        var generated = call.Response.Messages.Select(GeneratedTokens.Of).LastOrDefault(tokens => tokens is not null);
        _turns.Add(new TurnRecord(_turns.Count, "assistant", Math.Round(call.Latency.TotalMilliseconds, 3), (int)call.Tokens.Input, (int)call.Tokens.Output, generated));
    }

    /// <summary>Records a turn of the mock user.</summary>
    public void RecordUserTurn(UserTurn turn, TimeSpan latency)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var tokens = turn.Usage ?? TokenCount.Zero;
        User += tokens;
        Estimated |= turn.UsageEstimated;
        _turns.Add(new TurnRecord(_turns.Count, "user", Math.Round(latency.TotalMilliseconds, 3), (int)tokens.Input, (int)tokens.Output));
    }
}
