namespace Sparring.Engine.Tests.Environments;

/// <summary>A small environment that loads cleanly; each broken-spec test changes one thing in it.</summary>
internal static class ValidSpec
{
    public const string Yaml = """
        name: shop
        version: "1.0"
        agent:
          instructions: Help customers with their orders.
          tools: [lookup, cancel, transfer]
          transferTool: transfer
        library: |
          function findOrder(state, id) {
            const order = state.orders[id];
            if (!order) throw new Error("order " + id + " not found");
            return order;
          }
        tools:
          - name: lookup
            description: Look up an order.
            readOnly: true
            parameters:
              type: object
              properties:
                order_id: { type: string }
              required: [order_id]
              additionalProperties: false
            script: |
              (args, state, ctx) => {
                const order = findOrder(state, args.order_id);
                return { status: order.status };
              }
          - name: cancel
            description: Cancel a pending order.
            parameters:
              type: object
              properties:
                order_id: { type: string }
              required: [order_id]
              additionalProperties: false
            script: |
              (args, state, ctx) => {
                const order = findOrder(state, args.order_id);
                if (order.status !== "pending") throw new Error("order is " + order.status);
                order.status = "cancelled";
                order.refund_id = ctx.newId("R");
                return { ok: true, refund: order.refund_id };
              }
          - name: transfer
            description: Hand the call to a human.
            parameters: { type: object }
            responses:
              - result: Transferred
        state:
          orders:
            A1: { status: pending }
            A2: { status: delivered }
        clock:
          now: "2026-01-15T10:00:00Z"
        scenarios:
          - id: cancel-a1
            persona:
              reasonForCall: cancel order A1
              mood: calm
              patience: 8
            expected:
              actions:
                - name: cancel
                  arguments: { order_id: A1 }
              outputs: [cancelled]
          - id: delivered-a2
            persona:
              reasonForCall: wants to return A2
            expected:
              transfer: true
              safety:
                - type: contains
                  none: [guarantee]
        graders:
          - name: state
            type: state_match
          - name: polite
            type: regex
            pattern: "(thank|thanks)"
          - name: no-promises
            type: contains
            none: [promise]
          - name: judge
            type: llm_rubric
            criteria:
              - name: empathy
                description: Acknowledges the customer's problem.
        reward:
          weights: { state: 0.7, polite: 0.1, judge: 0.2 }
          gates:
            - grader: no-promises
        """;

    /// <summary>The valid spec with one exact piece of text replaced; fails the test if the text is not there once.</summary>
    public static string With(string original, string replacement) => Replace(Yaml, original, replacement);

    /// <summary>Replaces exactly one occurrence of <paramref name="original"/> in <paramref name="text"/>.</summary>
    public static string Replace(string text, string original, string replacement)
    {
        var at = text.IndexOf(original, StringComparison.Ordinal);
        Assert.True(at >= 0, $"the spec has no '{original}'");
        Assert.True(text.IndexOf(original, at + 1, StringComparison.Ordinal) < 0, $"the spec has '{original}' more than once");
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + original.Length));
    }

    /// <summary>The 1-based line of the only line of <paramref name="text"/> that contains <paramref name="marker"/>.</summary>
    public static int LineOf(string text, string marker)
    {
        var lines = text.Split('\n');
        var found = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(marker, StringComparison.Ordinal)).ToList();
        Assert.True(found.Count == 1, $"expected one line containing '{marker}', found {found.Count}");
        return found[0] + 1;
    }
}
