package org.reftrace.gallery;

import java.util.List;
import java.util.Objects;

/**
 * Holds the description every scenario gives, so that a scenario class says what it is in one constructor call
 * and otherwise carries only its steps (and, where it needs them, its quirks).
 */
public abstract class AbstractScenario implements Scenario {
    private final String name;
    private final List<String> commits;
    private final Outcome buggyOutcome;
    private final String culprit;
    private final String title;
    private final String explanation;

    /** @param culprit the frame a report must rank first for the buggy variant ({@link Scenario#culprit()}) */
    protected AbstractScenario(String name, List<String> commits, Outcome buggyOutcome, String culprit, String title,
            String explanation) {
        this.name = Objects.requireNonNull(name);
        this.commits = List.copyOf(commits);
        this.buggyOutcome = Objects.requireNonNull(buggyOutcome);
        this.culprit = Objects.requireNonNull(culprit);
        this.title = Objects.requireNonNull(title);
        this.explanation = Objects.requireNonNull(explanation);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> commits() {
        return commits;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final String explanation() {
        return explanation;
    }

    @Override
    public final Outcome buggyOutcome() {
        return buggyOutcome;
    }

    @Override
    public final String culprit() {
        return culprit;
    }
}
