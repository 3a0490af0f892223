package io.portwatch.deploy;

import io.portwatch.testing.LocalScripts;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link of the README, docs/*.md and bench/RESULTS.md leads to a file of the repository, and every
 * {@code #anchor} into a Markdown file to one of its headings (GitHub's slugs), so moving or renaming a page or a
 * heading cannot leave a reader at a dead end.
 */
class DocumentationLinksTest {

    @Test
    void everyRelativeLinkResolves() throws IOException {
        Path root = LocalScripts.root().toAbsolutePath().normalize();
        List<Path> pages = documentationPages(root);
        assertThat(pages).contains(root.resolve("README.md"), root.resolve("docs/operations.md"));

        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            for (MarkdownPage.Link link : MarkdownPage.read(page).links()) {
                if (link.isExternal()) {
                    continue;
                }
                checked++;
                String problem = problem(root, page, link.target());
                if (problem != null) {
                    broken.add(root.relativize(page) + ":" + link.line() + ": (" + link.target() + ") " + problem);
                }
            }
        }
        assertThat(checked).as("relative links found").isGreaterThan(20);
        assertThat(broken).as("broken relative links").isEmpty();
    }

    private static List<Path> documentationPages(Path root) throws IOException {
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("bench/RESULTS.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(file -> file.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** Why {@code target}, linked from {@code page}, leads nowhere; null when it resolves. */
    private static String problem(Path root, Path page, String target) throws IOException {
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!resolved.startsWith(root)) {
            return "leads outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file " + root.relativize(resolved);
        }
        if (anchor != null && resolved.getFileName().toString().endsWith(".md")
                && !MarkdownPage.read(resolved).anchors().contains(anchor)) {
            return "no heading with the anchor #" + anchor + " in " + root.relativize(resolved);
        }
        return null;
    }
}
