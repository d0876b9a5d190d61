(args, state, ctx) => getUser(state, args.user_id)
