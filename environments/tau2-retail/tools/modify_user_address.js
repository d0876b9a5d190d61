(args, state, ctx) => {
    const user = getUser(state, args.user_id);
    user.address = makeAddress(args);
    return user;
}
