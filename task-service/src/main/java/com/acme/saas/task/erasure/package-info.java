@NullMarked
package com.acme.saas.task.erasure;

import org.jspecify.annotations.NullMarked;
