package org.reftrace.dump;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and validates a dump written by {@link DumpWriter} (or by any tool following
 * {@code docs/dump-format.md}). Every defect becomes one {@link DumpFormatException} naming the file, the line
 * and column, and what was expected. Unknown fields are skipped, so newer minor additions stay readable.
 */
public final class DumpReader {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(DumpLimits.MAX_STRING_CHARS)
                    .maxNameLength(DumpLimits.MAX_NAME_CHARS)
                    .maxNumberLength(DumpLimits.MAX_NUMBER_CHARS)
                    .maxNestingDepth(DumpLimits.MAX_NESTING)
                    .build())
            .build();

    private DumpReader() {}

    public static Dump read(Path file) throws IOException, DumpFormatException {
        String source = file.toString();
        if (!Files.exists(file)) {
            throw new DumpFormatException(source, 0, 0, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new DumpFormatException(source, 0, 0, "is a folder, not a dump file");
        }
        if (Files.size(file) == 0) {
            throw new DumpFormatException(source, 0, 0, "is empty (expected a reftrace JSON dump)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, source);
        } catch (NoSuchFileException e) {
            throw new DumpFormatException(source, 0, 0, "no such file");
        }
    }

    public static Dump read(InputStream in, String source) throws IOException, DumpFormatException {
        try (JsonParser parser = JSON.createParser(in)) {
            JsonFields f = new JsonFields(parser, source);
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new DumpFormatException(source, 0, 0, "is empty (expected a reftrace JSON dump)");
            }
            if (first != JsonToken.START_OBJECT) {
                throw f.error("is not a reftrace dump (expected a JSON object)");
            }
            Dump dump = new DumpReader.Body(f).read();
            if (parser.nextToken() != null) {
                throw f.error("has more after the end of the dump (expected the end of the file)");
            }
            return dump;
        } catch (JsonEOFException e) {
            throw new DumpFormatException(source, line(e), column(e),
                    "the file ends in the middle of the dump (truncated?)");
        } catch (StreamConstraintsException e) {
            throw new DumpFormatException(source, line(e), column(e), DumpLimits.exceeded(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new DumpFormatException(source, line(e), column(e), "not valid JSON: " + firstLine(e.getOriginalMessage()));
        } catch (CharConversionException e) {
            throw new DumpFormatException(source, 0, 0, "not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    private static long line(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }

    private static long column(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
    }

    /** Jackson's message's first line, at most 200 characters (it quotes the input, which may be huge). */
    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String first = message.lines().findFirst().orElse(message);
        return first.length() > 200 ? first.substring(0, 200) + "..." : first;
    }

    /** The top-level object, section by section. */
    private static final class Body {
        private final JsonFields f;
        private String format;
        private int version;
        private Meta meta;
        private Health health;
        private Summary summary;
        private final List<TrackedObject> objects = new ArrayList<>();
        private final List<Problem> problems = new ArrayList<>();
        private final List<Wait> waits = new ArrayList<>();
        private Map<String, Long> pairings = Map.of();
        private final List<HistogramSummary> histograms = new ArrayList<>();
        private final Map<String, List<String>> stacks = new HashMap<>();
        private final List<ProblemGroup> problemGroups = new ArrayList<>();
        private final List<SiteStats> sites = new ArrayList<>();
        private Map<String, Long> limitsApplied = Map.of();

        Body(JsonFields f) {
            this.f = f;
        }

        Dump read() throws IOException, DumpFormatException {
            f.readObject("the dump", List.of("format", "version", "meta", "summary", "objects"), name -> {
                switch (name) {
                    case "format" -> {
                        format = f.string("format");
                        if (!Dump.FORMAT.equals(format)) {
                            throw f.error("is not a reftrace dump (format is '" + format + "', expected '"
                                    + Dump.FORMAT + "')");
                        }
                    }
                    case "version" -> {
                        long given = f.number("version");
                        if (given > Dump.VERSION) {
                            throw f.error("was written by a newer reftrace (dump format version " + given
                                    + "; this reftrace reads up to version " + Dump.VERSION + "): upgrade reftrace");
                        }
                        version = (int) Math.max(given, Integer.MIN_VALUE);
                        if (version > Dump.VERSION) {
                            throw f.error("was written by a newer reftrace (dump format version " + version
                                    + "; this reftrace reads up to version " + Dump.VERSION + "): upgrade reftrace");
                        }
                        if (version < 1) {
                            throw f.error("has an invalid version " + version + " (expected 1.." + Dump.VERSION + ")");
                        }
                    }
                    case "meta" -> meta = readMeta();
                    case "health" -> health = readHealth();
                    case "summary" -> summary = readSummary();
                    case "objects" -> f.readArray("objects", () -> objects.add(readObject()));
                    case "problems" -> f.readArray("problems", () -> problems.add(readProblem()));
                    case "waits" -> f.readArray("waits", () -> waits.add(readWait()));
                    case "pairings" -> pairings = f.numbers("pairings");
                    case "histograms" -> f.readArray("histograms", () -> histograms.add(readHistogram()));
                    case "stacks" -> f.readObject("stacks", List.of(), id -> stacks.put(id, f.strings("stack " + id)));
                    case "problemGroups" -> f.readArray("problemGroups", () -> problemGroups.add(readGroup()));
                    case "sites" -> f.readArray("sites", () -> sites.add(readSite()));
                    case "limitsApplied" -> limitsApplied = f.numbers("limitsApplied");
                    default -> f.skip();
                }
            });
            if (health == null) {
                health = new Health(0, 0, 0, 0, List.of(), List.of(), false, 0, 0, "unknown");
            }
            health = withLimitsApplied(health, limitsApplied);
            return new Dump(version, meta, health, summary, objects, problems, waits, pairings, histograms, stacks,
                    problemGroups, sites);
        }

        /** What the writer cut to stay within {@link DumpLimits}, said as drops in the health section. */
        private static Health withLimitsApplied(Health h, Map<String, Long> applied) {
            List<Drop> drops = new ArrayList<>(h.drops());
            Long strings = applied.get("stringsTruncated");
            if (strings != null && strings > 0) {
                drops.add(new Drop("strings cut to " + DumpLimits.MAX_STRING_CHARS + " characters by the dump writer",
                        strings, null));
            }
            Long numbers = applied.get("nonFiniteNumbers");
            if (numbers != null && numbers > 0) {
                drops.add(new Drop("non-finite numbers written as 0 by the dump writer", numbers, null));
            }
            if (drops.size() == h.drops().size()) {
                return h;
            }
            return new Health(h.adviceFailures(), h.holdsDropped(), h.problemsDropped(), h.stacksDropped(),
                    h.failedToInstrument(), h.limits(), h.attachedLate(), h.instrumentedClasses(), h.callSites(),
                    h.stackMode(), h.missingTargets(), h.profiles(), drops, h.budgets(), h.namesUnreadable());
        }

        private Meta readMeta() throws IOException, DumpFormatException {
            String[] s = new String[8];
            long[] n = new long[2];
            List<String> profiles = new ArrayList<>();
            boolean[] hasProfiles = {false};
            f.readObject("meta", List.of("createdAt", "pid"), name -> {
                switch (name) {
                    case "createdAt" -> s[0] = f.text("meta.createdAt");
                    case "pid" -> n[0] = f.number("meta.pid");
                    case "jvm" -> s[1] = f.string("meta.jvm");
                    case "profile" -> s[2] = f.string("meta.profile");
                    case "trigger" -> s[3] = f.text("meta.trigger");
                    case "options" -> s[4] = f.string("meta.options");
                    case "uptimeNanos" -> n[1] = f.count("meta.uptimeNanos");
                    case "profiles" -> {
                        hasProfiles[0] = true;
                        profiles.addAll(f.strings("meta.profiles"));
                    }
                    case "host" -> s[5] = f.string("meta.host");
                    case "mainClass" -> s[6] = f.string("meta.mainClass");
                    case "holdTiming" -> s[7] = f.string("meta.holdTiming");
                    default -> f.skip();
                }
            });
            return new Meta(s[0], n[0], s[1], s[2], s[3], s[4], n[1], hasProfiles[0] ? profiles : null, s[5], s[6],
                    s[7]);
        }

        private Health readHealth() throws IOException, DumpFormatException {
            long[] n = new long[7];
            List<String> failed = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            List<ProfileHealth> profiles = new ArrayList<>();
            List<Drop> drops = new ArrayList<>();
            List<Drop> budgets = new ArrayList<>();
            List<String> limits = new ArrayList<>();
            boolean[] late = {false};
            String[] mode = {"unknown"};
            f.readObject("health", List.of(), name -> {
                switch (name) {
                    case "adviceFailures" -> n[0] = f.count("health.adviceFailures");
                    case "holdsDropped" -> n[1] = f.count("health.holdsDropped");
                    case "problemsDropped" -> n[2] = f.count("health.problemsDropped");
                    case "stacksDropped" -> n[3] = f.count("health.stacksDropped");
                    case "instrumentedClasses" -> n[4] = f.intCount("health.instrumentedClasses");
                    case "callSites" -> n[5] = f.intCount("health.callSites");
                    case "failedToInstrument" -> failed.addAll(f.strings("health.failedToInstrument"));
                    case "limits" -> limits.addAll(f.strings("health.limits"));
                    case "attachedLate" -> late[0] = f.bool("health.attachedLate");
                    case "stackMode" -> mode[0] = f.text("health.stackMode");
                    case "missingTargets" -> missing.addAll(f.strings("health.missingTargets"));
                    case "profiles" -> f.readArray("health.profiles", () -> profiles.add(readProfileHealth()));
                    case "drops" -> f.readArray("health.drops", () -> drops.add(readDrop("health.drops")));
                    case "budgets" -> f.readArray("health.budgets", () -> budgets.add(readDrop("health.budgets")));
                    case "namesUnreadable" -> n[6] = f.count("health.namesUnreadable");
                    default -> f.skip();
                }
            });
            return new Health(n[0], n[1], n[2], n[3], failed, limits, late[0], (int) n[4], (int) n[5], mode[0],
                    missing, profiles, drops, budgets, n[6]);
        }

        private ProfileHealth readProfileHealth() throws IOException, DumpFormatException {
            String[] s = new String[2];
            long[] n = new long[3];
            List<String> missing = new ArrayList<>();
            f.readObject("a profile's health", List.of("name"), name -> {
                switch (name) {
                    case "name" -> s[0] = f.text("health.profiles.name");
                    case "source" -> s[1] = f.string("health.profiles.source");
                    case "targets" -> n[0] = f.intCount("health.profiles.targets");
                    case "instrumentedTargets" -> n[1] = f.intCount("health.profiles.instrumentedTargets");
                    case "missing" -> missing.addAll(f.strings("health.profiles.missing"));
                    case "events" -> n[2] = f.count("health.profiles.events");
                    default -> f.skip();
                }
            });
            return new ProfileHealth(s[0], s[1], (int) n[0], (int) n[1], missing, n[2]);
        }

        private Drop readDrop(String what) throws IOException, DumpFormatException {
            String[] s = new String[2];
            long[] n = new long[1];
            f.readObject("an entry of " + what, List.of("what"), name -> {
                switch (name) {
                    case "what" -> s[0] = f.text(what + ".what");
                    case "count" -> n[0] = f.count(what + ".count");
                    case "option" -> s[1] = f.string(what + ".option");
                    default -> f.skip();
                }
            });
            return new Drop(s[0], n[0], s[1]);
        }

        private Summary readSummary() throws IOException, DumpFormatException {
            long[] n = new long[6];
            Map<String, Integer> byType = new LinkedHashMap<>();
            f.readObject("summary", List.of("objects", "problems"), name -> {
                switch (name) {
                    case "objects" -> n[0] = f.intCount("summary.objects");
                    case "lingeringHolders" -> n[1] = f.intCount("summary.lingeringHolders");
                    case "holders" -> n[2] = f.intCount("summary.holders");
                    case "unattributed" -> n[3] = f.intCount("summary.unattributed");
                    case "problems" -> n[4] = f.intCount("summary.problems");
                    case "problemsByType" -> byType.putAll(f.intCounts("summary.problemsByType"));
                    case "objectsNotListed" -> n[5] = f.count("summary.objectsNotListed");
                    default -> f.skip();
                }
            });
            return new Summary((int) n[0], (int) n[1], (int) n[2], (int) n[3], (int) n[4], byType, n[5]);
        }

        private TrackedObject readObject() throws IOException, DumpFormatException {
            long[] n = new long[2];
            String[] s = new String[6];
            Integer[] refcount = {null};
            boolean[] shouldBeFree = {false};
            List<LifecycleEvent> lifecycle = new ArrayList<>();
            List<Holder> holders = new ArrayList<>();
            f.readObject("an object", List.of("id", "name"), name -> {
                switch (name) {
                    case "id" -> n[0] = f.number("object.id");
                    case "kind" -> s[0] = f.text("object.kind");
                    case "name" -> s[1] = f.text("object.name");
                    case "state" -> s[2] = f.text("object.state");
                    case "refcount" -> refcount[0] = f.nullableInt("object.refcount");
                    case "unattributed" -> n[1] = f.intCount("object.unattributed");
                    case "shouldBeFree" -> shouldBeFree[0] = f.bool("object.shouldBeFree");
                    case "lifecycle" -> f.readArray("object.lifecycle", () -> lifecycle.add(readEvent()));
                    case "holders" -> f.readArray("object.holders", () -> holders.add(readHolder()));
                    case "profile" -> s[3] = f.string("object.profile");
                    case "namespace" -> s[4] = f.string("object.namespace");
                    case "className" -> s[5] = f.string("object.className");
                    default -> f.skip();
                }
            });
            return new TrackedObject(n[0], s[0], s[1], s[2], refcount[0],
                    (int) n[1], shouldBeFree[0], lifecycle, holders, s[3], s[4], s[5]);
        }

        private LifecycleEvent readEvent() throws IOException, DumpFormatException {
            String[] s = new String[2];
            long[] at = {0};
            Long[] value = {null};
            f.readObject("a lifecycle event", List.of("event"), name -> {
                switch (name) {
                    case "event" -> s[0] = f.text("lifecycle.event");
                    case "atNanos" -> at[0] = f.number("lifecycle.atNanos");
                    case "thread" -> s[1] = f.text("lifecycle.thread");
                    case "value" -> value[0] = f.nullableNumber("lifecycle.value");
                    default -> f.skip();
                }
            });
            return new LifecycleEvent(s[0], at[0], s[1], value[0]);
        }

        private Holder readHolder() throws IOException, DumpFormatException {
            String[] s = new String[6];
            long[] n = new long[2];
            Long[] ownerObject = {null};
            boolean[] flags = new boolean[2];
            f.readObject("a holder", List.of("site"), name -> {
                switch (name) {
                    case "site" -> s[0] = f.text("holder.site");
                    case "owner" -> s[1] = f.string("holder.owner");
                    case "ownerClass" -> s[2] = f.string("holder.ownerClass");
                    case "thread" -> s[3] = f.text("holder.thread");
                    case "pairing" -> s[4] = f.text("holder.pairing");
                    case "stack" -> s[5] = f.string("holder.stack");
                    case "sinceNanos" -> n[0] = f.number("holder.sinceNanos");
                    case "heldNanos" -> n[1] = f.number("holder.heldNanos");
                    case "ownerObjectId" -> ownerObject[0] = f.nullableNumber("holder.ownerObjectId");
                    case "afterUnregister" -> flags[0] = f.bool("holder.afterUnregister");
                    case "stackRepresentative" -> flags[1] = f.bool("holder.stackRepresentative");
                    default -> f.skip();
                }
            });
            return new Holder(s[0], s[1], s[2], s[3], n[0], n[1], s[4], s[5], ownerObject[0], flags[0], flags[1]);
        }

        private Problem readProblem() throws IOException, DumpFormatException {
            String[] s = new String[6];
            long[] n = {0, 0, -1};
            List<String> stack = new ArrayList<>();
            List<String> other = new ArrayList<>();
            List<Origin> origins = new ArrayList<>();
            f.readObject("a problem", List.of("type"), name -> {
                switch (name) {
                    case "type" -> s[0] = f.text("problem.type");
                    case "object" -> s[1] = f.string("problem.object");
                    case "message" -> s[2] = f.text("problem.message");
                    case "site" -> s[3] = f.string("problem.site");
                    case "thread" -> s[4] = f.string("problem.thread");
                    case "objectId" -> n[0] = f.number("problem.objectId");
                    case "atNanos" -> n[1] = f.number("problem.atNanos");
                    case "stack" -> stack.addAll(f.strings("problem.stack"));
                    case "otherStack" -> other.addAll(f.strings("problem.otherStack"));
                    case "kind" -> s[5] = f.string("problem.kind");
                    case "groupId" -> n[2] = f.intNumber("problem.groupId");
                    case "origins" -> f.readArray("problem.origins", () -> origins.add(readOrigin()));
                    default -> f.skip();
                }
            });
            return new Problem(s[0], n[0], s[1], s[2], s[3], s[4], n[1], stack, other, s[5], (int) n[2], origins);
        }

        private Origin readOrigin() throws IOException, DumpFormatException {
            String[] s = new String[4];
            long[] at = {-1};
            f.readObject("a problem's origin", List.of("role"), name -> {
                switch (name) {
                    case "role" -> s[0] = f.text("origin.role");
                    case "site" -> s[1] = f.string("origin.site");
                    case "thread" -> s[2] = f.string("origin.thread");
                    case "atNanos" -> at[0] = f.number("origin.atNanos");
                    case "stack" -> s[3] = f.string("origin.stack");
                    default -> f.skip();
                }
            });
            return new Origin(s[0], s[1], s[2], at[0], s[3]);
        }

        private ProblemGroup readGroup() throws IOException, DumpFormatException {
            String[] s = new String[3];
            long[] n = new long[3];
            f.readObject("a problem group", List.of("id", "type", "count"), name -> {
                switch (name) {
                    case "id" -> n[0] = f.intNumber("problemGroups.id");
                    case "type" -> s[0] = f.text("problemGroups.type");
                    case "kind" -> s[1] = f.string("problemGroups.kind");
                    case "site" -> s[2] = f.string("problemGroups.site");
                    case "count" -> n[1] = f.count("problemGroups.count");
                    case "listed" -> n[2] = f.intCount("problemGroups.listed");
                    default -> f.skip();
                }
            });
            return new ProblemGroup((int) n[0], s[0], s[1], s[2], n[1], (int) n[2]);
        }

        private SiteStats readSite() throws IOException, DumpFormatException {
            String[] s = new String[3];
            long[] n = new long[2];
            f.readObject("a site", List.of("site"), name -> {
                switch (name) {
                    case "site" -> s[0] = f.text("sites.site");
                    case "profile" -> s[1] = f.string("sites.profile");
                    case "role" -> s[2] = f.string("sites.role");
                    case "taken" -> n[0] = f.count("sites.taken");
                    case "released" -> n[1] = f.count("sites.released");
                    default -> f.skip();
                }
            });
            return new SiteStats(s[0], s[1], s[2], n[0], n[1]);
        }

        private Wait readWait() throws IOException, DumpFormatException {
            String[] s = new String[3];
            long[] n = new long[4];
            f.readObject("a wait", List.of("object"), name -> {
                switch (name) {
                    case "objectId" -> n[0] = f.number("wait.objectId");
                    case "object" -> s[0] = f.text("wait.object");
                    case "startNanos" -> n[1] = f.number("wait.startNanos");
                    case "durationNanos" -> n[2] = f.number("wait.durationNanos");
                    case "outcome" -> s[1] = f.text("wait.outcome");
                    case "warnings" -> n[3] = f.intCount("wait.warnings");
                    case "kind" -> s[2] = f.string("wait.kind");
                    default -> f.skip();
                }
            });
            return new Wait(n[0], s[0], n[1], n[2], s[1], (int) n[3], s[2]);
        }

        private HistogramSummary readHistogram() throws IOException, DumpFormatException {
            String[] s = new String[4];
            long[] n = new long[3];
            double[] mean = {0};
            Map<String, Long> percentiles = new LinkedHashMap<>();
            f.readObject("a histogram", List.of("metric", "count"), name -> {
                switch (name) {
                    case "metric" -> s[0] = f.text("histogram.metric");
                    case "key" -> s[1] = f.text("histogram.key");
                    case "unit" -> s[2] = f.text("histogram.unit");
                    case "encoded" -> s[3] = f.text("histogram.encoded");
                    case "count" -> n[0] = f.count("histogram.count");
                    case "min" -> n[1] = f.number("histogram.min");
                    case "max" -> n[2] = f.number("histogram.max");
                    case "mean" -> mean[0] = f.decimal("histogram.mean");
                    case "percentiles" -> percentiles.putAll(f.numbers("histogram.percentiles"));
                    default -> f.skip();
                }
            });
            return new HistogramSummary(s[0], s[1], s[2], n[0], n[1], n[2], mean[0], percentiles, s[3]);
        }
    }
}
