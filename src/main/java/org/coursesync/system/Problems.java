package org.coursesync.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The RFC 9457 problems an admin operation answers besides those of every admin operation
 * (400, 401, 429, 503), for the OpenAPI document: each status gets the {@code Problem}
 * schema.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Problems {

	/** The statuses, e.g. {@code 404}, {@code 409}. */
	int[] value();

}
