using Microsoft.Extensions.Configuration;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Environments;
using Sparring.Engine.Grading;

namespace Sparring.Models.Tests;

/// <summary>
/// The name forms a host checks at its door are the ones the catalog resolves: a name is accepted exactly when the
/// catalog does not call it unknown (it may still fail on configuration, which is not the name's fault).
/// </summary>
public sealed class ModelNamesTests
{
    // No endpoints or keys: a known form fails on configuration, an unknown one on its name.
    private static readonly IConfiguration NoSettings = new ConfigurationBuilder().Build();

    public static TheoryData<string> Policies =>
        ["random", "reference", "openai:gpt-4o", "served:support-policy@nightly-20261127", "gpt-4o", "openai:", "served:", "openai:two words", "checkpoint:models/p", "live:t1-rollout", "grounded", ""];

    public static TheoryData<string> Users => ["scripted", "llm", "llm:gpt-4o-mini", "llm:", "llm:two words", "grounded", "robot", ""];

    public static TheoryData<string, bool> Judges => new()
    {
        { "none", false }, { "gpt-4o", false }, { "openai:gpt-4o", false }, { "openai:", false }, { "two words", false },
        { "reward-model:models/rm", false }, { "reward-model:models/rm", true }, { "reward-model:", true }, { "", false },
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public async Task A_policy_name_is_accepted_exactly_when_the_catalog_knows_its_form(string name)
    {
        var environment = await new EnvironmentLoader().LoadAsync(Path.Combine(RepositoryPaths.Root, "tests", "Sparring.Engine.Tests", "Fixtures", "mini-shop"), CancellationToken.None);

        var known = Known(() => new ModelCatalog(NoSettings).Policy(name, environment), "Unknown policy");

        Assert.Equal(known, ModelNames.IsPolicy(name));
    }

    [Theory]
    [MemberData(nameof(Users))]
    public void A_user_name_is_accepted_exactly_when_the_catalog_knows_its_form(string name)
    {
        var known = Known(() => new ModelCatalog(NoSettings).Users(name), "Unknown user");

        Assert.Equal(known, ModelNames.IsUser(name));
    }

    [Theory]
    [MemberData(nameof(Judges))]
    public void A_judge_name_is_accepted_exactly_when_the_catalog_resolves_it(string name, bool rewardModels)
    {
        var catalog = new ModelCatalog(NoSettings, rewardModels: rewardModels ? _ => new Scorer() : null);

        var known = Known(() => catalog.Judge(name), "Unknown judge") && Known(() => catalog.RubricScorer(name), string.Empty);

        Assert.Equal(known, ModelNames.IsJudge(name, rewardModels));
    }

    [Fact]
    public void Forms_read_as_a_sentence()
    {
        Assert.Equal("scripted, llm or llm:<deployment-or-model>", ModelNames.Describe(ModelNames.UserForms));
        Assert.Contains("served:<name@version>", ModelNames.PolicyForms);
        Assert.DoesNotContain(ModelNames.JudgeForms(rewardModels: false), form => form.StartsWith(ModelNames.RewardModelPrefix, StringComparison.Ordinal));
    }

    // False when resolving throws a configuration error that starts with unknownPrefix (any, when it is empty).
    private static bool Known(Func<object?> resolve, string unknownPrefix)
    {
        try
        {
            resolve();
            return true;
        }
        catch (ModelConfigurationException ex)
        {
            return !ex.Message.StartsWith(unknownPrefix, StringComparison.Ordinal);
        }
    }

    private sealed class Scorer : IRubricScorer
    {
        public ModelIdentity Identity { get; } = new("reward-model", "stub");

        public IReadOnlyList<string> Criteria { get; } = [];

        public Task<IReadOnlyDictionary<string, double>> ScoreAsync(IReadOnlyList<ChatMessageRecord> messages, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<string, double>>(new Dictionary<string, double>());
    }
}
