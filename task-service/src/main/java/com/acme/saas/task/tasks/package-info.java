@NullMarked
package com.acme.saas.task.tasks;

import org.jspecify.annotations.NullMarked;
