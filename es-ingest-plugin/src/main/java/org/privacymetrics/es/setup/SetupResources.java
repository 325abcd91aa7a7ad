package org.privacymetrics.es.setup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The index templates and ingest pipelines the plugin installs, read from JSON resources under
 * {@value #BASE}{@code <kind>/<name>.json}, where {@code <kind>} is {@code component-template}, {@code pipeline} or
 * {@code index-template} and {@code <name>} is the id it is installed under.
 *
 * <p>Every such resource is installed; adding a file is all it takes. Order: component templates, then pipelines
 * (a template may name them as {@code index.default_pipeline} / {@code index.final_pipeline}), then index templates
 * (they may compose component templates); within a kind, by name.
 */
public final class SetupResources {

    /** Resource folder, relative to the class path root. */
    public static final String BASE = "org/privacymetrics/es/setup/";

    /** Kinds of resources, in installation order. */
    public enum Kind {
        /** {@code PUT _component_template/<name>} */
        COMPONENT_TEMPLATE("component-template"),
        /** {@code PUT _ingest/pipeline/<name>} */
        PIPELINE("pipeline"),
        /** {@code PUT _index_template/<name>} */
        INDEX_TEMPLATE("index-template");

        private final String folder;

        Kind(String folder) {
            this.folder = folder;
        }

        /** @return the folder name under {@link #BASE} */
        public String folder() {
            return folder;
        }

        /** @return the key used in API responses, e.g. {@code index_templates} */
        public String responseKey() {
            return name().toLowerCase(Locale.ROOT) + "s";
        }
    }

    /**
     * One resource to install.
     *
     * @param kind what it is
     * @param name id it is installed under (file name without {@code .json})
     * @param json its JSON body, as in the REST API
     */
    public record Resource(Kind kind, String name, byte[] json) {
    }

    private SetupResources() {
    }

    /**
     * Lists and reads every resource, in installation order.
     *
     * @return the resources, never empty for a correctly built plugin
     * @throws UncheckedIOException when the plugin's own jar or class folder cannot be read
     */
    public static List<Resource> load() {
        List<Resource> out = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (String name : list(kind)) {
                out.add(new Resource(kind, name, read(BASE + kind.folder() + "/" + name + ".json")));
            }
        }
        return out;
    }

    /** Resource names of one kind, sorted; looked up in this class's own jar (or class folder in unit tests). */
    private static TreeSet<String> list(Kind kind) {
        String prefix = BASE + kind.folder() + "/";
        TreeSet<String> names = new TreeSet<>();
        Path location;
        try {
            location = Path.of(SetupResources.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the plugin jar", e);
        }
        try {
            if (Files.isDirectory(location)) {
                Path dir = location.resolve(prefix);
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> files = Files.list(dir)) {
                        files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                            .forEach(n -> names.add(n.substring(0, n.length() - ".json".length())));
                    }
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        String n = entries.nextElement().getName();
                        if (n.startsWith(prefix) && n.endsWith(".json") && n.indexOf('/', prefix.length()) < 0) {
                            names.add(n.substring(prefix.length(), n.length() - ".json".length()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list setup resources in " + location, e);
        }
        return names;
    }

    private static byte[] read(String resource) {
        try (InputStream in = SetupResources.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("setup resource [" + resource + "] is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read setup resource [" + resource + "]", e);
        }
    }
}
