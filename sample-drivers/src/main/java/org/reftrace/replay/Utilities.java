package org.reftrace.replay;

import java.util.List;
import org.reftrace.replay.shell.Shell;

/**
 * The small tools whose output scripts use ({@code mktemp}, {@code seq}, {@code basename}, {@code dirname},
 * {@code date}, {@code cat}, {@code head}, {@code tail}, {@code wc}, {@code expr}, {@code uname}, {@code lsmod},
 * {@code grep}, {@code sort}, {@code uniq}, {@code cut}, {@code tr}, field-printing {@code awk}, {@code jq}) and
 * {@code sleep}, which lets model time pass (the kworkers' timers fire meanwhile). None changes the model.
 */
final class Utilities {
    private final Replayer replayer;
    private int temporaries;

    Utilities(Replayer replayer) {
        this.replayer = replayer;
    }

    int run(List<String> argv, Shell.Frame frame) {
        String name = argv.get(0);
        List<String> args = argv.subList(1, argv.size());
        var out = frame.io().out();
        switch (name) {
            case "true", "yes":
                return 0;
            case "false":
                return 1;
            case "mktemp":
                return mktemp(args, frame);
            case "seq":
                return seq(args, frame);
            case "basename":
                if (args.isEmpty()) {
                    return 1;
                }
                String base = args.get(0).replaceAll("/+$", "");
                base = base.substring(base.lastIndexOf('/') + 1);
                if (args.size() > 1 && base.endsWith(args.get(1)) && !base.equals(args.get(1))) {
                    base = base.substring(0, base.length() - args.get(1).length());
                }
                out.println(base);
                return 0;
            case "dirname":
                if (args.isEmpty()) {
                    return 1;
                }
                String path = args.get(0).replaceAll("/+$", "");
                int slash = path.lastIndexOf('/');
                out.println(slash < 0 ? "." : slash == 0 ? "/" : path.substring(0, slash));
                return 0;
            case "date":
                return date(args, frame);
            case "sleep":
                return sleep(args);
            case "cat", "tee":
                return cat(name, args, frame);
            case "head", "tail":
                return headTail(name.equals("head"), args, frame);
            case "wc":
                String in = frame.io().in();
                long lines = in.isEmpty() ? 0 : in.lines().count();
                out.println(args.contains("-l") ? Long.toString(lines) : lines + " " + in.split("\\s+").length + " "
                        + in.length());
                return 0;
            case "expr":
                return expr(args, frame);
            case "uname":
                out.println(args.contains("-r") ? "6.18.0-reftrace" : "Linux");
                return 0;
            case "id":
                out.println(args.contains("-u") ? "0" : "uid=0(root) gid=0(root) groups=0(root)");
                return 0;
            case "whoami":
                out.println("root");
                return 0;
            case "hostname":
                out.println("reftrace");
                return 0;
            case "nproc":
                out.println("2");
                return 0;
            case "grep", "egrep", "fgrep":
                return new Grep(replayer).run(name, args, frame);
            case "jq":
                return new Jq().run(args, frame);
            case "sort", "uniq", "cut", "tr", "awk", "gawk", "mawk":
                return new TextTools(replayer).run(name, args, frame);
            case "lsmod":
                out.println("Module                  Size  Used by");
                replayer.modules().loadedNames().forEach(m -> out.println(String.format("%-24s%7d  0", m, 16384)));
                return 0;
            default:
                return 0;
        }
    }

    private int mktemp(List<String> args, Shell.Frame frame) {
        String template = null;
        boolean dir = false;
        for (String a : args) {
            if (a.startsWith("-")) {
                dir |= a.contains("d");
            } else {
                template = a;
            }
        }
        if (template == null) {
            template = "/tmp/tmp.XXXXXXXXXX";
        }
        int xs = 0;
        while (xs < template.length() && template.charAt(template.length() - 1 - xs) == 'X') {
            xs++;
        }
        String unique = String.format("%0" + Math.max(xs, 1) + "x", ++temporaries * 2654435761L & 0xffffffffL);
        unique = unique.substring(unique.length() - Math.max(xs, 1));
        String result = template.substring(0, template.length() - xs) + (xs == 0 ? "" : unique);
        if (!args.contains("-u") && !dir) {
            replayer.files().create(result);
        }
        frame.io().out().println(result);
        return 0;
    }

    private static int seq(List<String> args, Shell.Frame frame) {
        try {
            long first = 1;
            long step = 1;
            long last;
            List<String> nums = args.stream().filter(a -> !a.startsWith("-") || a.matches("-\\d+")).toList();
            if (nums.size() == 1) {
                last = Long.parseLong(nums.get(0));
            } else if (nums.size() == 2) {
                first = Long.parseLong(nums.get(0));
                last = Long.parseLong(nums.get(1));
            } else if (nums.size() == 3) {
                first = Long.parseLong(nums.get(0));
                step = Long.parseLong(nums.get(1));
                last = Long.parseLong(nums.get(2));
            } else {
                return 1;
            }
            for (long i = first, n = 0; step > 0 ? i <= last : i >= last; i += step, n++) {
                if (n > 100_000 || step == 0) {
                    break;
                }
                frame.io().out().println(Long.toString(i));
            }
            return 0;
        } catch (NumberFormatException e) {
            frame.io().err().println("seq: invalid argument");
            return 1;
        }
    }

    private int date(List<String> args, Shell.Frame frame) {
        long nanos = replayer.kernel().clock().nanoTime();
        String format = args.stream().filter(a -> a.startsWith("+")).findFirst().orElse(null);
        if (format == null) {
            frame.io().out().println("Thu Jan  1 00:00:" + String.format("%02d", nanos / 1_000_000_000L % 60)
                    + " UTC 1970");
            return 0;
        }
        String text = format.substring(1).replace("%s", Long.toString(nanos / 1_000_000_000L))
                .replace("%3N", String.format("%03d", nanos / 1_000_000L % 1000))
                .replace("%N", String.format("%09d", nanos % 1_000_000_000L));
        frame.io().out().println(text);
        return 0;
    }

    private int sleep(List<String> args) {
        double seconds = 0;
        for (String a : args) {
            try {
                seconds += Double.parseDouble(a.replaceAll("[smhd]$", "")) * switch (a.charAt(a.length() - 1)) {
                    case 'm' -> 60;
                    case 'h' -> 3600;
                    case 'd' -> 86400;
                    default -> 1;
                };
            } catch (NumberFormatException e) {
                return 1;
            }
        }
        try {
            replayer.kernel().clock().sleepMillis((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private int cat(String name, List<String> args, Shell.Frame frame) {
        List<String> files = args.stream().filter(a -> !a.startsWith("-") || a.equals("-")).toList();
        if (files.isEmpty() || name.equals("tee")) {
            frame.io().out().write(frame.io().in());
            for (String f : files) {
                replayer.write(f, frame.io().in(), args.contains("-a"), frame, 0);
            }
            return 0;
        }
        int status = 0;
        for (String f : files) {
            String text = f.equals("-") ? frame.io().in() : replayer.read(f, frame);
            if (text == null) {
                frame.io().err().println("cat: " + f + ": No such file or directory");
                status = 1;
            } else {
                frame.io().out().write(text);
            }
        }
        return status;
    }

    private static int headTail(boolean head, List<String> args, Shell.Frame frame) {
        int n = 10;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-n") && i + 1 < args.size()) {
                n = Integer.parseInt(args.get(++i).replace("+", ""));
            } else if (a.matches("-\\d+")) {
                n = Integer.parseInt(a.substring(1));
            }
        }
        List<String> lines = frame.io().in().lines().toList();
        List<String> picked = head ? lines.subList(0, Math.min(n, lines.size()))
                : lines.subList(Math.max(0, lines.size() - n), lines.size());
        picked.forEach(frame.io().out()::println);
        return 0;
    }

    private static int expr(List<String> args, Shell.Frame frame) {
        try {
            long result;
            if (args.size() == 3) {
                long a = Long.parseLong(args.get(0));
                long b = Long.parseLong(args.get(2));
                result = switch (args.get(1)) {
                    case "+" -> a + b;
                    case "-" -> a - b;
                    case "*" -> a * b;
                    case "/" -> a / b;
                    case "%" -> a % b;
                    case "<" -> a < b ? 1 : 0;
                    case ">" -> a > b ? 1 : 0;
                    case "=" -> a == b ? 1 : 0;
                    default -> throw new NumberFormatException();
                };
            } else if (args.size() == 1) {
                result = Long.parseLong(args.get(0));
            } else {
                return 2;
            }
            frame.io().out().println(Long.toString(result));
            return result == 0 ? 1 : 0;
        } catch (RuntimeException e) {
            frame.io().err().println("expr: syntax error");
            return 2;
        }
    }

    /** Whether {@code name} is one of these tools. */
    static boolean has(String name) {
        return CommandTable.UTILITIES.contains(name);
    }
}
