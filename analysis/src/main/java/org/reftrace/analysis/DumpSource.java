package org.reftrace.analysis;

import org.reftrace.dump.Dump;

/**
 * A dump and what to call it (its file's name).
 *
 * @param name the file name, or another label the user recognises
 * @param dump the dump
 */
public record DumpSource(String name, Dump dump) {}
