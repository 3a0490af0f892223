package io.portwatch.alert.database;

import io.quarkus.scheduler.Scheduled;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every scheduled job of alert-service reads or writes the database, so each names {@link SchemaJobs}: none runs
 * before the schema is migrated (at a first start each logged "relation ... does not exist") or after shutdown began.
 */
class ScheduledJobsTest {

    @Test
    void everyScheduledJobIsSkippedWhileTheSchemaIsNotThere() throws Exception {
        List<Method> jobs = scheduledMethods();

        assertThat(jobs).as("the service's scheduled jobs").hasSizeGreaterThanOrEqualTo(6);
        assertThat(jobs).allSatisfy(job -> assertThat(job.getAnnotation(Scheduled.class).skipExecutionIf())
                .as(job.getDeclaringClass().getSimpleName() + "." + job.getName()).isEqualTo(SchemaJobs.class));
    }

    /** The methods annotated {@code @Scheduled} in the service's own classes (not its tests'). */
    private static List<Method> scheduledMethods() throws Exception {
        Path classes = Path.of(SchemaJobs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                            .replaceAll("\\.class$", ""))
                    .toList();
        }
        List<Method> scheduled = new ArrayList<>();
        for (String name : names) {
            for (Method method : Class.forName(name, false, SchemaJobs.class.getClassLoader()).getDeclaredMethods()) {
                if (method.isAnnotationPresent(Scheduled.class)) {
                    scheduled.add(method);
                }
            }
        }
        return scheduled;
    }
}
