package org.coursesync;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * coursesync: receives Richie-compatible course-run sync webhooks and serves the catalog.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CourseSyncApplication {

	public static void main(String[] args) {
		SpringApplication.run(CourseSyncApplication.class, args);
	}

}
