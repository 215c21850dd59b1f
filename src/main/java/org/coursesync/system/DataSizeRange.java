package org.coursesync.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import org.springframework.util.unit.DataSize;

/**
 * A configured {@link DataSize} between {@link #min} and {@link #max} inclusive, both
 * written as in the configuration ({@code 1B}, {@code 1GB}). Null is valid (use
 * {@code @NotNull}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@Constraint(validatedBy = DataSizeRange.Validator.class)
public @interface DataSizeRange {

	String min() default "0B";

	String max() default "9223372036854775807B";

	String message() default "must be between {min} and {max}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks {@link DataSizeRange}. */
	class Validator implements ConstraintValidator<DataSizeRange, DataSize> {

		private DataSize min;

		private DataSize max;

		@Override
		public void initialize(DataSizeRange range) {
			this.min = DataSize.parse(range.min());
			this.max = DataSize.parse(range.max());
		}

		@Override
		public boolean isValid(DataSize value, ConstraintValidatorContext context) {
			return value == null || (value.compareTo(this.min) >= 0 && value.compareTo(this.max) <= 0);
		}

	}

}
