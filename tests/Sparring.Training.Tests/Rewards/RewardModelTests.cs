using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Engine.Grading;
using Sparring.Training.Checkpoints;
using Sparring.Training.Rewards;

namespace Sparring.Training.Tests.Rewards;

/// <summary>A reward model distilled from a rule-following fake judge: it agrees with the judge on conversations it never saw.</summary>
public sealed class RewardModelTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sparring-rm-" + Guid.NewGuid().ToString("N"));

    private static readonly RewardModelOptions Options = new() { Epochs = 30, BatchSize = 16, LearningRate = 3e-3, WarmupSteps = 5, Holdout = 0.25, Seed = 4 };

    [Fact]
    public async Task A_trained_reward_model_agrees_with_the_judge_on_held_out_trajectories_and_an_untrained_one_does_not()
    {
        var labels = GradedTrajectories.Labels(await JudgedConversations.TrajectoriesAsync(96, seed: 1), "test");
        Assert.Equal(JudgedConversations.Criteria, labels.Criteria);
        Assert.Equal("test:rule-judge", labels.Judge);
        using var untrained = NewModel(labels);
        using var model = NewModel(labels);
        var (_, heldOut) = RewardModelTrainer.Split(labels.Examples, Options.Holdout, Options.Seed);
        var before = new RewardModelTrainer(untrained, Options, NullLogger<RewardModelTrainer>.Instance).Evaluate(heldOut);
        var steps = new List<RewardModelProgress>();

        var report = new RewardModelTrainer(model, Options, NullLogger<RewardModelTrainer>.Instance).Train(labels.Examples, new InlineProgress<RewardModelProgress>(steps.Add), CancellationToken.None);

        Assert.Equal(24, report.HeldOutExamples);
        Assert.Equal(72, report.TrainExamples);
        Assert.Equal(report.Steps, steps.Count);
        Assert.Equal(30 * 5, report.Steps);
        Assert.True(report.LastEpochLoss < report.FirstEpochLoss / 3, $"loss {report.FirstEpochLoss} → {report.LastEpochLoss}");
        foreach (var (criterion, index) in JudgedConversations.Criteria.Select((c, i) => (c, i)))
        {
            var after = report.Criteria[index];
            Assert.Equal(criterion, after.Criterion);
            Assert.True(after.Pearson > 0.6, $"{criterion}: held-out Pearson {after.Pearson}\n{report.ToTable()}");
            Assert.True(after.Spearman > 0.5, $"{criterion}: held-out Spearman {after.Spearman}\n{report.ToTable()}");
            Assert.True(after.Pearson > (before.Criteria[index].Pearson ?? 0) + 0.3, $"{criterion}: untrained {before.Criteria[index].Pearson}, trained {after.Pearson}");
            Assert.True(after.MeanAbsoluteError < before.Criteria[index].MeanAbsoluteError, $"{criterion}: MAE {before.Criteria[index].MeanAbsoluteError} → {after.MeanAbsoluteError}");
        }

        Assert.True(report.HeldOutLoss < before.Loss);
        var table = report.ToTable();
        Assert.Contains("24 held-out trajectories", table, StringComparison.Ordinal);
        Assert.Contains("empathy", table, StringComparison.Ordinal);
        Assert.Contains("mean", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_saved_and_loaded_reward_model_gives_identical_scores_and_keeps_its_report()
    {
        var labels = GradedTrajectories.Labels(await JudgedConversations.TrajectoriesAsync(24, seed: 2), "test");
        using var model = NewModel(labels);
        var report = new RewardModelTrainer(model, Options with { Epochs = 2 }, NullLogger<RewardModelTrainer>.Instance).Train(labels.Examples, null, CancellationToken.None);
        model.Save(_folder, new TrainingMetadata { Kind = "reward-model", CreatedAt = DateTimeOffset.UnixEpoch, Steps = report.Steps }, report);

        using var loaded = RewardModel.Load(_folder);

        var conversations = labels.Examples.Select(e => e.Messages).ToList();
        Assert.Equal(model.Score(conversations), loaded.Score(conversations));
        Assert.Equal(JudgedConversations.Criteria, loaded.Criteria);
        Assert.Equal("rubric", loaded.Config.Grader);
        Assert.Equal("test:rule-judge", loaded.Config.Judge);
        Assert.Equal(model.WeightsHash, loaded.WeightsHash);
        Assert.Equal(report.Steps, loaded.Metadata!.Steps);
        Assert.Equal(report.ToJson(), RewardModelReport.Load(Path.Combine(_folder, RewardModel.ReportFile)).ToJson());
    }

    [Fact]
    public void A_config_whose_criteria_do_not_fit_the_heads_or_a_policy_folder_is_refused_naming_the_file()
    {
        using (var model = RewardModel.Create(JudgedConversations.Config(), JudgedConversations.Tokenizer, "rubric", JudgedConversations.Criteria))
        {
            model.Save(_folder, new TrainingMetadata { Kind = "reward-model", CreatedAt = DateTimeOffset.UnixEpoch });
        }

        var configPath = Path.Combine(_folder, RewardModel.ConfigFile);
        var config = JsonNode.Parse(File.ReadAllText(configPath))!;
        config["criteria"] = new JsonArray("empathy", "clarity", "accuracy");
        File.WriteAllText(configPath, config.ToJsonString());
        var heads = Assert.Throws<CheckpointMismatchException>(() => RewardModel.Load(_folder));
        Assert.Contains("checkpoint.bin does not fit", heads.Message, StringComparison.Ordinal);
        Assert.Contains("3 criteria (empathy, clarity, accuracy)", heads.Message, StringComparison.Ordinal);
        Assert.Contains("heads.weight has shape [2,32] in the file but [3,32] in the model", heads.Message, StringComparison.Ordinal);

        config["criteria"] = new JsonArray("empathy", "Empathy");
        File.WriteAllText(configPath, config.ToJsonString());
        var duplicate = Assert.Throws<CheckpointMismatchException>(() => RewardModel.Load(_folder));
        Assert.Contains("config.json: reward model config: criteria must be distinct", duplicate.Message, StringComparison.Ordinal);

        using (var policy = TinyPolicy.Create())
        {
            policy.Save(_folder, new TrainingMetadata { Kind = "init", CreatedAt = DateTimeOffset.UnixEpoch });
        }

        var format = Assert.Throws<CheckpointMismatchException>(() => RewardModel.Load(_folder));
        Assert.Contains("config.json: format sparring-policy v1; this build reads sparring-reward-model v1", format.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_episode_grader_scores_the_rubric_with_the_reward_model_and_the_reward_formula_uses_it()
    {
        using var scorer = new RewardModelScorer(RewardModel.Create(JudgedConversations.Config(), JudgedConversations.Tokenizer, "rubric", JudgedConversations.Criteria), "models/rm");
        var grader = new EpisodeGrader(JudgedConversations.Spec, judge: null, scorer);
        var conversation = JudgedConversations.Conversations(1, seed: 5)[0];
        using var reference = RewardModel.Create(JudgedConversations.Config(), JudgedConversations.Tokenizer, "rubric", JudgedConversations.Criteria);
        var expected = reference.Score([conversation])[0];

        var trajectory = await JudgedConversations.TrajectoryAsync("e", conversation, grader);

        var rubric = trajectory.Graders.Single(g => g.Name == "rubric");
        Assert.True(rubric.Applicable);
        Assert.Equal(expected[0], rubric.Criteria!["empathy"], 12);
        Assert.Equal(expected[1], rubric.Criteria!["clarity"], 12);
        Assert.Equal(expected.Average(), rubric.Score, 12);
        Assert.StartsWith("scored by the reward model reward-model:models/rm", rubric.Reason, StringComparison.Ordinal);
        Assert.Equal(0m, rubric.CostUsd);
        var polite = trajectory.Graders.Single(g => g.Name == "polite").Score;
        Assert.Equal((3 * rubric.Score + polite) / 4, trajectory.Reward, 12);
        Assert.Equal("reward-model", trajectory.Judge!.Kind);

        // Trajectories scored by a reward model never teach the next one.
        var error = Assert.Throws<InvalidDataException>(() => GradedTrajectories.Labels([trajectory], "scored.jsonl"));
        Assert.Contains("none of the 1 trajectories has a judge's scores for 'rubric'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_score_requests_get_the_same_scores_as_one_at_a_time()
    {
        using var scorer = new RewardModelScorer(RewardModel.Create(JudgedConversations.Config(), JudgedConversations.Tokenizer, "rubric", JudgedConversations.Criteria), "rm");
        var conversations = JudgedConversations.Conversations(32, seed: 6);
        var sequential = new List<IReadOnlyDictionary<string, double>>();
        foreach (var conversation in conversations)
        {
            sequential.Add(await scorer.ScoreAsync(conversation, CancellationToken.None));
        }

        var concurrent = await Task.WhenAll(conversations.Select(c => Task.Run(() => scorer.ScoreAsync(c, CancellationToken.None))));

        Assert.Equal(sequential.Select(s => s["empathy"]), concurrent.Select(s => s["empathy"]));
        Assert.Equal(sequential.Select(s => s["clarity"]), concurrent.Select(s => s["clarity"]));
    }

    [Fact]
    public async Task Trajectories_are_read_from_jsonl_or_a_run_folder_and_unjudged_ones_are_counted_as_skipped()
    {
        var judged = await JudgedConversations.TrajectoriesAsync(3, seed: 7);
        var unjudged = await JudgedConversations.TrajectoryAsync("e9", JudgedConversations.Conversations(1, seed: 8)[0], new EpisodeGrader(JudgedConversations.Spec, judge: null));
        Assert.Contains("skipped", unjudged.Graders[0].Reason, StringComparison.Ordinal);
        var episodes = Directory.CreateDirectory(Path.Combine(_folder, "run", "episodes")).FullName;
        foreach (var trajectory in judged.Append(unjudged))
        {
            File.WriteAllText(Path.Combine(episodes, trajectory.EpisodeId + ".json"), System.Text.Json.JsonSerializer.Serialize(trajectory, Sparring.Abstractions.Json.SparringJsonContext.Default.Trajectory));
        }

        var fromFolder = GradedTrajectories.Labels(await GradedTrajectories.ReadAsync(Path.Combine(_folder, "run"), CancellationToken.None), "run");

        Assert.Equal(3, fromFolder.Examples.Count);
        Assert.Equal(1, fromFolder.Skipped);
        Assert.Equal("shop@1", fromFolder.Environment);
        var first = JudgedConversations.Judgement(judged[0].Messages[2].Content!);
        Assert.Equal([(first.Empathy - 1) / 4.0, (first.Clarity - 1) / 4.0], fromFolder.Examples[0].Scores);

        var jsonl = Path.Combine(_folder, "bad.jsonl");
        File.WriteAllLines(jsonl, [System.Text.Json.JsonSerializer.Serialize(judged[0], Sparring.Abstractions.Json.SparringJsonContext.Default.Trajectory), "{\"episodeId\": 3}"]);
        var bad = await Assert.ThrowsAsync<InvalidDataException>(() => GradedTrajectories.ReadAsync(jsonl, CancellationToken.None));
        Assert.Contains("bad.jsonl:2: $.episodeId", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Correlations_match_hand_computed_values_with_ties_sharing_ranks()
    {
        Assert.Equal(1, Agreement.Pearson([1, 2, 3], [2, 4, 6])!.Value, 12);
        Assert.Equal(-1, Agreement.Spearman([1, 2, 3], [9, 4, 1])!.Value, 12);
        Assert.Equal([1.5, 1.5, 3], Agreement.Ranks([5, 5, 7]));
        Assert.Null(Agreement.Pearson([1, 1, 1], [1, 2, 3]));
        Assert.Equal(0.5, Agreement.MeanAbsoluteError([0, 1], [0.5, 0.5])!.Value, 12);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static RewardModel NewModel(RubricLabels labels) =>
        RewardModel.Create(JudgedConversations.Config(), JudgedConversations.Tokenizer, labels.Grader, labels.Criteria, judge: labels.Judge, environment: labels.Environment);

    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

/// <summary>Initial weights come from the config's seed alone (TorchSharp's nn.init.normal_ ignores a generator; the model does not use it).</summary>
public sealed class InitSeedTests
{
    [Fact]
    public void The_same_init_seed_gives_the_same_weights_and_another_seed_other_weights()
    {
        using var a = RewardModel.Create(JudgedConversations.Config(seed: 3), JudgedConversations.Tokenizer, "rubric", JudgedConversations.Criteria);
        using var b = RewardModel.Create(JudgedConversations.Config(seed: 3), JudgedConversations.Tokenizer, "rubric", JudgedConversations.Criteria);
        using var c = RewardModel.Create(JudgedConversations.Config(seed: 4), JudgedConversations.Tokenizer, "rubric", JudgedConversations.Criteria);
        var first = a.Network.state_dict();
        var same = b.Network.state_dict();
        var other = c.Network.state_dict();

        Assert.All(first, pair => Assert.True(pair.Value.allclose(same[pair.Key], 0, 0), pair.Key));
        Assert.False(first["trunk.wte.weight"].allclose(other["trunk.wte.weight"], 0, 0));
        Assert.False(first["heads.weight"].allclose(other["heads.weight"], 0, 0));
    }
}
