package io.workchain.notifier.service;

/**
 * One operator's request on a chain, as its timeline keeps it: what was asked ({@code retry},
 * {@code cancel}), by whom (the authenticated user, or "anonymous" when the notifier's endpoints
 * are open), when it was asked (epoch ms), the attempt it concerned (the one it started, for a
 * retry that ran) and what came of it, in words ("ignored: ..." when the chain had moved on).
 */
public record OperatorAction(String action, String by, long at, int attempt, String outcome) {}
