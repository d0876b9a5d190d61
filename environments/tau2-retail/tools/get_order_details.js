(args, state, ctx) => orderView(getOrder(state, args.order_id))
