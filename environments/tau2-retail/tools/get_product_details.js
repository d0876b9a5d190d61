(args, state, ctx) => getProduct(state, args.product_id)
