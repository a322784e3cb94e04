import { render } from 'preact';
import { DeskApp } from './DeskApp.js';
import '../styles/desk.css';

render(<DeskApp />, document.getElementById('app')!);
