package org.reftrace.gallery;

import java.util.stream.Collectors;

/** Renders {@code docs/gallery.md} from the scenarios themselves, so the page cannot drift from the code. */
public final class GalleryDocs {
    private GalleryDocs() {}

    public static void main(String[] args) {
        System.out.print(markdown());
    }

    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# The gallery\n\n")
                .append("Real `net_device` lifecycle bugs from kernel history, and everyday ones, each runnable buggy and ")
                .append("fixed on the netdev model: `./reftrace run NAME [--variant buggy|fixed]`. Where the bug lived in ")
                .append("the core, the buggy variant switches on the core's pre-fix behaviour (a *quirk*, named by the ")
                .append("commit that removed it). Every fixed variant ends clean; the test suite runs both variants of ")
                .append("every scenario (`GalleryTest`).\n\n")
                .append("Each scenario names its *culprit*: the `Class.method` whose hold, lookup, put, free or read is ")
                .append("the bug, which a report must rank first for the buggy variant.\n\n")
                .append("This page is generated from the scenarios (`GalleryDocs`); `GalleryDocsTest` fails when it is ")
                .append("out of date.\n\n")
                .append("| scenario | commits | buggy variant ends in |\n|---|---|---|\n");
        for (Scenario s : Gallery.scenarios()) {
            md.append("| [`").append(s.name()).append("`](#").append(s.name()).append(") | ")
                    .append(s.commits().isEmpty() ? "—" : s.commits().stream().map(c -> "`" + c + "`")
                            .collect(Collectors.joining(" ")))
                    .append(" | ").append(s.buggyOutcome().description()).append(" |\n");
        }
        for (Scenario s : Gallery.scenarios()) {
            md.append("\n## ").append(s.name()).append("\n\n**").append(s.title()).append(".**");
            String quirks = s.quirks(Variant.BUGGY).stream().map(q -> "`" + q.optionName() + "`").sorted()
                    .collect(Collectors.joining(", "));
            if (!quirks.isEmpty()) {
                md.append(" Buggy variant's quirks: ").append(quirks).append('.');
            }
            md.append("\n\n").append(s.explanation()).append("\n\nCulprit: `").append(s.culprit()).append("`.\n");
        }
        return md.toString();
    }
}
