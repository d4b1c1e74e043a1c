package org.reftrace.analysis;

/**
 * One object on a chain of references, from the object being waited for up to the one the suspect holds.
 *
 * @param objectId its id in the dump
 * @param kind     its kind ({@code netdev}, {@code dst} ...)
 * @param name     its name
 */
public record Link(long objectId, String kind, String name) {

    @Override
    public String toString() {
        return name;
    }
}
