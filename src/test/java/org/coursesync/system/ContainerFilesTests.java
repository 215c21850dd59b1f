package org.coursesync.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no Docker engine to build it, the Dockerfile and the compose file are checked as
 * text: pinned images, no extra package for the health check, which follows the
 * configured port, a non-root user, JSON-only logs and secrets read from files.
 */
class ContainerFilesTests {

	private static final Pattern FROM = Pattern.compile("(?im)^FROM\\s+(\\S+)");

	/** Temurin's exact release tags: 17.0.15_6-jre-noble. */
	private static final Pattern TEMURIN_RELEASE = Pattern
		.compile("eclipse-temurin:\\d+\\.\\d+\\.\\d+(\\.\\d+)?_\\d+-.+");

	@Test
	void baseImagesArePinnedToAnExactRelease() throws IOException {
		List<String> images = matches(FROM, read("Dockerfile"));
		assertThat(images).hasSize(2).allSatisfy((image) -> {
			assertThat(image).doesNotContain(":latest").contains(":");
			assertThat(image).matches(TEMURIN_RELEASE);
		});
		// Build and run stages move together.
		assertThat(images.get(0).replace("-jdk-", "-jre-")).isEqualTo(images.get(1));
	}

	@Test
	void healthCheckNeedsNoExtraPackageAndFollowsThePort() throws IOException {
		String dockerfile = read("Dockerfile");
		assertThat(dockerfile).doesNotContainPattern("(?i)\\bcurl\\b")
			.doesNotContainPattern("(?i)\\bwget\\b")
			.doesNotContain("apt-get install")
			.doesNotContain("apk add");
		Matcher check = Pattern.compile("(?m)^HEALTHCHECK (?:[^\\n]*\\\\\\n)*[^\\n]*").matcher(dockerfile);
		assertThat(check.find()).isTrue();
		assertThat(check.group()).contains("\"java\"").contains("HealthCheck").doesNotContain("8080");
		String healthCheck = read("docker/HealthCheck.java");
		assertThat(healthCheck).contains("System.getenv(\"MANAGEMENT_SERVER_PORT\")")
			.contains("System.getenv(\"SERVER_PORT\")")
			.contains("/health/liveness");
		assertThat(dockerfile).contains("COPY docker/HealthCheck.java").contains("javac");
	}

	@Test
	void runsAsANonRootUser() throws IOException {
		List<String> users = matches(Pattern.compile("(?m)^USER\\s+(\\S+)"), read("Dockerfile"));
		assertThat(users).isNotEmpty();
		assertThat(users.get(users.size() - 1)).isNotIn("root", "0", "0:0");
	}

	@Test
	void logsOnlyJson() throws IOException {
		String dockerfile = read("Dockerfile");
		assertThat(dockerfile).contains("LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs")
			.contains("SPRING_MAIN_BANNER_MODE=off")
			// The JVM prints "Picked up JAVA_TOOL_OPTIONS" before any log line.
			.doesNotContainPattern("(?m)^ENV[^\\n]*(\\\\\\n[^\\n]*)*JAVA_TOOL_OPTIONS");
	}

	@Test
	void readsSecretsFromFiles() throws IOException {
		assertThat(read("Dockerfile")).contains("SPRING_CONFIG_IMPORT=\"optional:configtree:/run/secrets/\"");
		String compose = read("docker-compose.yml");
		assertThat(compose).contains("target: coursesync.admin.password")
			.contains("target: coursesync.secrets")
			.contains("target: spring.datasource.password")
			.contains("POSTGRES_PASSWORD_FILE: /run/secrets/")
			.containsPattern("(?m)^secrets:")
			// No secret as a plain environment variable any more.
			.doesNotContainPattern("(?m)^\\s+(COURSESYNC_ADMIN_PASSWORD|COURSESYNC_SECRETS|"
					+ "SPRING_DATASOURCE_PASSWORD|POSTGRES_PASSWORD):");
	}

	@Test
	void composeImagesArePinned() throws IOException {
		List<String> images = matches(Pattern.compile("(?m)^\\s+image:\\s*(\\S+)"), read("docker-compose.yml"));
		assertThat(images).isNotEmpty().allSatisfy((image) -> assertThat(image).matches("[a-z0-9./-]+:\\d+\\.\\d+.*"));
	}

	@Test
	void dockerignoreKeepsBuildOutputDataAndGitOut() throws IOException {
		List<String> ignored = read(".dockerignore").lines().map(String::strip).toList();
		assertThat(ignored).contains(".git", "target/", "data/", "secrets/", ".env");
		// What the build copies stays in.
		assertThat(ignored).doesNotContain("src/", "docker/", ".mvn/", "pom.xml", "mvnw");
	}

	private static List<String> matches(Pattern pattern, String text) {
		return pattern.matcher(text).results().map((result) -> result.group(1)).toList();
	}

	private static String read(String file) throws IOException {
		return Files.readString(Path.of(file));
	}

}
