@NullMarked
package com.acme.saas.task;

import org.jspecify.annotations.NullMarked;
