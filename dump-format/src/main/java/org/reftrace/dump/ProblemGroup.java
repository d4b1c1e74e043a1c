package org.reftrace.dump;

/**
 * Problems of one type, on one kind of object, at one call site (v2): a count, with the first examples listed
 * in the dump's {@code problems}. Caps apply per group, so ten thousand false alarms of one kind never bury a
 * single problem of another.
 *
 * @param id     unique within the dump; problems refer to it by {@link Problem#groupId()}
 * @param type   one of {@link ProblemType#label()}
 * @param kind   the objects' kind, e.g. {@code ByteBuf}
 * @param site   the call site the problems share, or {@code null}
 * @param count  how many problems of this group happened
 * @param listed how many of them are listed as examples in {@code problems}; {@code count - listed} were
 *               counted only
 */
public record ProblemGroup(int id, String type, String kind, String site, long count, int listed) {}
