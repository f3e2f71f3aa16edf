@NullMarked
package com.acme.saas.task.quota;

import org.jspecify.annotations.NullMarked;
