package org.reftrace.report;

/**
 * One holder group compared between two reports.
 *
 * @param status  {@code new}, {@code gone}, {@code grown}, {@code shrunk} or {@code same}
 * @param object  the object's name
 * @param site    the group's call site
 * @param stack   the stack id in the AFTER report's table (or BEFORE's, for gone groups)
 * @param before  holders before
 * @param after   holders after
 */
public record DiffRow(String status, String object, String site, String stack, int before, int after) {}
