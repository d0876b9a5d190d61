(args, state, ctx) => "Transfer successful"
