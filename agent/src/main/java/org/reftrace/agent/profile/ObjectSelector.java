package org.reftrace.agent.profile;

/**
 * Which value of a call is the tracked object: the receiver, the return value, or an argument (counted from 0,
 * the receiver not included); with {@code each}, every element of that value (a {@code Collection} or an array).
 * In a profile file: {@code object=this}, {@code object=return}, {@code object=arg1} (or {@code object=1}),
 * {@code object=return[*]}.
 *
 * @param source   where the value comes from
 * @param argument the argument's index, for {@link Source#ARGUMENT}
 * @param each     whether the value is a collection of tracked objects
 */
public record ObjectSelector(Source source, int argument, boolean each) {

    /** Where the tracked object comes from. {@code AUTO}: the receiver of an instance method, the first argument
     *  of a static one (a profile file's default for every role but alloc, create and lookup). */
    public enum Source { AUTO, THIS, RETURN, ARGUMENT }

    public static final ObjectSelector AUTO = new ObjectSelector(Source.AUTO, -1, false);
    public static final ObjectSelector THIS = new ObjectSelector(Source.THIS, -1, false);
    public static final ObjectSelector RETURN = new ObjectSelector(Source.RETURN, -1, false);

    public static ObjectSelector argument(int index) {
        return new ObjectSelector(Source.ARGUMENT, index, false);
    }

    /** Whether the object is known only when the method returns. */
    public boolean atExit() {
        return source == Source.RETURN;
    }

    @Override
    public String toString() {
        String base = switch (source) {
            case AUTO -> "auto";
            case THIS -> "this";
            case RETURN -> "return";
            case ARGUMENT -> "arg" + argument;
        };
        return each ? base + "[*]" : base;
    }
}
