package org.coursesync.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import org.coursesync.system.JsonField;

/**
 * The body of a course creation: {@code {"code": "DemoX", "title": "..."}}. The code is
 * normalized as Richie normalizes course codes.
 *
 * @param code the course code (at most 100 characters once normalized)
 * @param title the title (at most 255 characters)
 */
@Schema(name = "NewCourse")
record NewCourseRequest(
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "course code, normalized (DemoX -> DEMOX)",
				maxLength = 100, example = "ExampleX") JsonField<String> code,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 255,
				example = "An example course") JsonField<String> title) {

	static final String EXAMPLE = "{\"code\": \"ExampleX\", \"title\": \"An example course\"}";

}
