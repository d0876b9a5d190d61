(args, state, ctx) => getItem(state, args.item_id)
