package io.portwatch.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The links and heading anchors of a Markdown page, outside code blocks and inline code. */
record MarkdownPage(List<Link> links, Set<String> anchors) {

    /** A link's target as written, and the line it is on (1-based). */
    record Link(String target, int line) {

        /** A URL with a scheme ({@code https:}, {@code mailto:}): not a file of the repository. */
        boolean isExternal() {
            return SCHEME.matcher(target).lookingAt();
        }
    }

    private static final Pattern LINK = Pattern.compile("\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:");
    private static final Pattern INLINE_CODE = Pattern.compile("`+[^`]*`+");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    /** What GitHub drops from a heading to make its anchor: everything but letters, digits, marks, '-', '_' and spaces. */
    private static final Pattern NOT_IN_SLUG = Pattern.compile("[^\\p{L}\\p{Nd}\\p{Mn}\\p{Pc} -]");

    static MarkdownPage read(Path file) throws IOException {
        List<Link> links = new ArrayList<>();
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.stripLeading().startsWith("```") || line.stripLeading().startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                int count = seen.merge(slug, 1, Integer::sum);
                anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
            }
            Matcher link = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
            while (link.find()) {
                links.add(new Link(link.group(1), i + 1));
            }
        }
        return new MarkdownPage(List.copyOf(links), Set.copyOf(anchors));
    }

    /** GitHub's anchor of a heading: its text lower-cased, punctuation dropped, spaces as '-'. */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
        return NOT_IN_SLUG.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("").replace(' ', '-');
    }
}
