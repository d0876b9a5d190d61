using Microsoft.Extensions.AI;
using Sparring.Abstractions.Trajectories;

namespace Sparring.Engine.Chat;

/// <summary>A model taking part in episodes (policy, LLM user or judge): its client, identity and price.</summary>
/// <param name="Client">The chat client.</param>
/// <param name="Identity">Kind and name, as trajectories record them.</param>
/// <param name="Pricing">Price per million tokens.</param>
public sealed record ChatModel(IChatClient Client, ModelIdentity Identity, ModelPricing Pricing);
